public class Main {
    public static void main(String[] args) {
        long[] data = new long[4 << 20];  // 32 MiB: well under the limit
        for (int i = 0; i < data.length; i++) data[i] = i;
        System.out.println(data[data.length - 1]);
    }
}
