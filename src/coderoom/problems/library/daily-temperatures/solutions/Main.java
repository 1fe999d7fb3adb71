import java.io.IOException;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        int[] temps = new int[n];
        for (int k = 0; k < n; k++) temps[k] = Integer.parseInt(t[1 + k]);
        int[] wait = new int[n];
        int[] stack = new int[n];
        int top = 0;
        for (int day = 0; day < n; day++) {
            while (top > 0 && temps[stack[top - 1]] < temps[day]) {
                int earlier = stack[--top];
                wait[earlier] = day - earlier;
            }
            stack[top++] = day;
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (k > 0) out.append(' ');
            out.append(wait[k]);
        }
        System.out.println(out);
    }
}
