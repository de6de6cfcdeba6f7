import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * usage: SsoBrowserTest <ocLoginUrl> <rpUrl> [click]
 * 1. opens ocLoginUrl (e.g. https://admin:adminpw@127.0.0.1:19443/app/admin/page) = login at the OC
 * 2. opens rpUrl (or clicks the link #rplink on the OC page if "click") and waits for the RP page
 * Prints each step's URL and the page text; exit code 0 if the RP page shows user=admin.
 */
public class SsoBrowserTest {
  public static void main(String[] args) throws Exception {
    Path profile = Files.createTempDirectory("ssoproto-chrome");
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile);
    o.setAcceptInsecureCerts(true);
    ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
        .usingAnyFreePort().build();
    WebDriver d = new ChromeDriver(svc, o);
    int rc = 1;
    try {
      d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
      long t0 = System.currentTimeMillis();
      d.get(args[0]);
      System.out.println("[OC] url=" + d.getCurrentUrl() + "\n[OC] text=" + text(d));
      long t1 = System.currentTimeMillis();
      if (args.length > 2 && args[2].equals("click")) {
        d.findElement(By.id("rplink")).click();
      } else {
        d.get(args[1]);
      }
      for (int i = 0; i < 30 && !(d.getCurrentUrl().startsWith(args[1]) && text(d).contains("user=")); i++) {
        Thread.sleep(500);
      }
      String t = text(d);
      System.out.println("[RP] url=" + d.getCurrentUrl() + "\n[RP] title=" + d.getTitle() + "\n[RP] text=" + t);
      System.out.println("[RP] elapsed ms=" + (System.currentTimeMillis() - t1));
      if (t.contains("server=rp") && t.contains("user=admin") && t.contains("isAdmin=true")) {
        System.out.println("RESULT: SSO OK");
        rc = 0;
      } else {
        System.out.println("RESULT: SSO FAILED");
        System.out.println("[RP] source=" + d.getPageSource().substring(0, Math.min(1500, d.getPageSource().length())));
      }
    } finally {
      d.quit();
      svc.stop();
    }
    System.exit(rc);
  }

  private static String text(WebDriver d) {
    try {
      return d.findElement(By.tagName("body")).getText().replace('\n', ' ');
    } catch (Exception e) {
      return "<no body: " + e.getClass().getSimpleName() + ">";
    }
  }
}
