import java.io.IOException;
import java.util.ArrayDeque;

public class Main {
    public static void main(String[] args) throws IOException {
        String text = new String(System.in.readAllBytes()).trim();
        if (text.isEmpty()) return;
        String[] t = text.split("\\s+");
        if (t[0].equals("null")) return;
        int max = t.length;
        int[] val = new int[max];
        int[] left = new int[max];
        int[] right = new int[max];
        java.util.Arrays.fill(left, -1);
        java.util.Arrays.fill(right, -1);
        val[0] = Integer.parseInt(t[0]);
        int count = 1, head = 0, i = 1;
        int[] built = new int[max];
        built[0] = 0;
        while (i < t.length) {
            int node = built[head++];
            for (int side = 0; side < 2; side++, i++) {
                if (i < t.length && !t[i].equals("null")) {
                    val[count] = Integer.parseInt(t[i]);
                    if (side == 0) left[node] = count;
                    else right[node] = count;
                    built[count] = count;
                    count++;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int size = queue.size();
            for (int k = 0; k < size; k++) {
                int n = queue.poll();
                if (k > 0) out.append(' ');
                out.append(val[n]);
                if (left[n] >= 0) queue.add(left[n]);
                if (right[n] >= 0) queue.add(right[n]);
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
