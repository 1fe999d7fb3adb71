import java.io.IOException;
import java.util.HashMap;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long target = Long.parseLong(t[1 + n]);
        HashMap<Long, Integer> first = new HashMap<>();
        for (int j = 0; j < n; j++) {
            long value = Long.parseLong(t[1 + j]);
            Integer i = first.get(target - value);
            if (i != null) {
                System.out.println(i + " " + j);
                return;
            }
            first.putIfAbsent(value, j);
        }
        System.out.println(-1);
    }
}
