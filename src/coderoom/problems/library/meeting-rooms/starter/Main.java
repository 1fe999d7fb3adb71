import java.io.IOException;

public class Main {
    // Each meeting is {start, end}, half-open.
    static int minRooms(long[][] meetings) {
        // Your code here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[][] meetings = new long[n][2];
        for (int k = 0; k < n; k++) {
            meetings[k][0] = Long.parseLong(t[1 + 2 * k]);
            meetings[k][1] = Long.parseLong(t[2 + 2 * k]);
        }
        System.out.println(minRooms(meetings));
    }
}
