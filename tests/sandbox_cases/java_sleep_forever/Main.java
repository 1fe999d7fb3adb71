public class Main {
    public static void main(String[] args) throws Exception { Thread.sleep(Long.MAX_VALUE); }
}
