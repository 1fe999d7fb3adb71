public class Main {
    public static void main(String[] args) {
        int started = 0;
        try {
            while (true) {
                Thread t = new Thread(() -> { try { Thread.sleep(60000); } catch (InterruptedException e) { } });
                t.setDaemon(true);
                t.start();
                started++;
            }
        } catch (Throwable e) {
            System.out.println("capped " + (started < 100));
            System.exit(0);
        }
    }
}
