import java.io.IOException;
import java.util.Collections;
import java.util.PriorityQueue;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        PriorityQueue<Long> low = new PriorityQueue<>(Collections.reverseOrder());
        PriorityQueue<Long> high = new PriorityQueue<>();
        StringBuilder out = new StringBuilder();
        for (int k = 1; k <= n; k++) {
            long value = Long.parseLong(t[k]);
            if (!low.isEmpty() && value > low.peek()) high.add(value);
            else low.add(value);
            if (low.size() > high.size() + 1) high.add(low.poll());
            else if (high.size() > low.size()) low.add(high.poll());
            long twice = low.size() > high.size() ? 2 * low.peek() : low.peek() + high.peek();
            // Double.toString is locale-independent (String.format is not) and stays in
            // plain notation below 10^7.
            out.append(Double.toString(twice / 2.0)).append('\n');
        }
        System.out.print(out);
    }
}
