import java.io.IOException;

public class Main {
    // grid[row].charAt(col) is '1' (land) or '0' (water).
    static int countIslands(String[] grid) {
        // Your code here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int r = Integer.parseInt(t[0]);
        String[] grid = new String[r];
        System.arraycopy(t, 2, grid, 0, r);
        System.out.println(countIslands(grid));
    }
}
