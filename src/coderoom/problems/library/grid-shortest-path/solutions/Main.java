import java.io.IOException;
import java.util.Arrays;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int r = Integer.parseInt(t[0]), c = Integer.parseInt(t[1]);
        char[] grid = new char[r * c];
        for (int k = 0; k < r; k++) t[2 + k].getChars(0, c, grid, k * c);
        int target = r * c - 1;
        int[] dist = new int[r * c];
        Arrays.fill(dist, -1);
        if (grid[0] == '.' && grid[target] == '.') {
            int[] queue = new int[r * c];
            int head = 0, tail = 0;
            dist[0] = 0;
            queue[tail++] = 0;
            int[] dr = {-1, 1, 0, 0}, dc = {0, 0, -1, 1};
            while (head < tail) {
                int cell = queue[head++];
                int row = cell / c, col = cell % c;
                for (int d = 0; d < 4; d++) {
                    int nr = row + dr[d], nc = col + dc[d];
                    if (nr < 0 || nr >= r || nc < 0 || nc >= c) continue;
                    int n = nr * c + nc;
                    if (dist[n] < 0 && grid[n] == '.') {
                        dist[n] = dist[cell] + 1;
                        queue[tail++] = n;
                    }
                }
            }
        }
        System.out.println(dist[target]);
    }
}
