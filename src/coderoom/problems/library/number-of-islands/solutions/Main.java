import java.io.IOException;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int r = Integer.parseInt(t[0]), c = Integer.parseInt(t[1]);
        boolean[] land = new boolean[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) land[i * c + j] = t[2 + i].charAt(j) == '1';
        int[] stack = new int[r * c];
        int islands = 0;
        for (int start = 0; start < r * c; start++) {
            if (!land[start]) continue;
            islands++;
            land[start] = false;
            int top = 0;
            stack[top++] = start;
            while (top > 0) {
                int cell = stack[--top];
                int row = cell / c, col = cell % c;
                if (row > 0 && land[cell - c]) { land[cell - c] = false; stack[top++] = cell - c; }
                if (row < r - 1 && land[cell + c]) { land[cell + c] = false; stack[top++] = cell + c; }
                if (col > 0 && land[cell - 1]) { land[cell - 1] = false; stack[top++] = cell - 1; }
                if (col < c - 1 && land[cell + 1]) { land[cell + 1] = false; stack[top++] = cell + 1; }
            }
        }
        System.out.println(islands);
    }
}
