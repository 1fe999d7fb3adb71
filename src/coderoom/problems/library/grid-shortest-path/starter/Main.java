import java.io.IOException;

public class Main {
    // grid[row].charAt(col) is '.' (open) or '#' (wall).
    static int shortestPath(String[] grid) {
        // Your code here.
        return -1;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int r = Integer.parseInt(t[0]);
        String[] grid = new String[r];
        System.arraycopy(t, 2, grid, 0, r);
        System.out.println(shortestPath(grid));
    }
}
