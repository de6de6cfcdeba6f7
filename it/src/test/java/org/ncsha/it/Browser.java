package org.ncsha.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, through Debian's chromedriver (given explicitly, so Selenium
 * never looks for or downloads a browser), with a fresh profile. Screenshots go to
 * it/target/screenshots, and to docs/images too when -Dncs.docs.images=true.
 */
final class Browser implements AutoCloseable {
  static final Path SHOTS = Pair.TARGET.resolve("screenshots");
  private static final Path DOCS = Pair.REPO.resolve("docs/images");

  final WebDriver driver;
  private final Path profile;
  private final Path downloads;

  Browser(int width, int height) throws IOException {
    profile = Files.createTempDirectory("ncs-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    downloads = Files.createDirectories(profile.resolve("downloads"));
    options.setExperimentalOption("prefs", java.util.Map.of(
        "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
    // Each node has its own self-signed certificate; the tests pin them elsewhere.
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement find(String id) {
    return driver.findElement(By.id(id));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element's text, read again if an ajax update replaced it meanwhile; "" when absent. */
  String text(String id) {
    for (int i = 0; i < 5; i++) {
      try {
        List<WebElement> found = driver.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
      } catch (StaleElementReferenceException e) {
        // Replaced by an ajax update: read the new one.
      }
    }
    return "";
  }

  boolean enabled(String id) {
    for (int i = 0; i < 5; i++) {
      try {
        return find(id).isEnabled();
      } catch (StaleElementReferenceException e) {
        // Replaced by the poll: read the new one.
      }
    }
    throw new AssertionError(id + " kept being replaced");
  }

  void type(String id, String value) {
    WebElement field = find(id);
    field.clear();
    field.sendKeys(value);
  }

  void click(String id) {
    find(id).click();
  }

  void scrollTo(String id) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", find(id));
  }

  /** Picks an item of a PrimeFaces selectOneMenu by its label. */
  void choose(String id, String label) throws Exception {
    String item = "[id='" + id + "_panel'] li[data-label='" + label + "']";
    // The menu shows what was chosen; a click that landed while its panel was still opening is
    // tried once more (as a user would), never assumed.
    for (int attempt = 0; attempt < 2 && !label.equals(text(id + "_label")); attempt++) {
      // PrimeFaces closes an open menu when the page scrolls, and a click scrolls its target
      // into view first: bring the menu to the middle of the window before opening it.
      scrollTo(id);
      click(id);
      await("the item " + label, Duration.ofSeconds(10), () -> all(item).stream().anyMatch(WebElement::isDisplayed));
      try {
        all(item).get(0).click();
      } catch (org.openqa.selenium.ElementNotInteractableException | StaleElementReferenceException e) {
        // The panel was still opening (zero size) or was redrawn: what the label shows decides.
      }
      awaitQuietly(Duration.ofSeconds(3), () -> label.equals(text(id + "_label")));
    }
    // Then as a keyboard user: the arrow keys step through the items of the closed menu, down
    // to the last one, then up to the first. The focusable part is the label (role combobox).
    for (int step = 0; step < 16 && !label.equals(text(id + "_label")); step++) {
      org.openqa.selenium.Keys key = step < 6 ? org.openqa.selenium.Keys.ARROW_DOWN : org.openqa.selenium.Keys.ARROW_UP;
      find(id + "_label").sendKeys(key);
      awaitQuietly(Duration.ofMillis(500), () -> label.equals(text(id + "_label")));
    }
    await(label + " chosen in " + id, Duration.ofSeconds(5), () -> label.equals(text(id + "_label")));
  }

  /** The file the browser finished downloading, once one with this ending is complete. */
  Path awaitDownload(String ending, Duration deadline) throws Exception {
    Path[] found = new Path[1];
    await("a downloaded " + ending, deadline, () -> {
      try (java.util.stream.Stream<Path> files = Files.list(downloads)) {
        found[0] = files.filter(f -> f.getFileName().toString().endsWith(ending)).findFirst().orElse(null);
        return found[0] != null;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return found[0];
  }

  /** Answers Yes on the PrimeFaces confirmation dialog that is showing. */
  void confirm() throws Exception {
    await("the confirmation dialog", Duration.ofSeconds(10), () -> all(".ui-confirmdialog-yes").stream().anyMatch(WebElement::isDisplayed));
    all(".ui-confirmdialog-yes").stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
  }

  /** Polls the page until the condition holds. */
  void await(String what, Duration deadline, Supplier<Boolean> condition) throws Exception {
    if (!waitFor(deadline, Duration.ofMillis(250), condition)) {
      screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      throw new AssertionError("the page did not show " + what + " within " + deadline);
    }
  }

  /**
   * Selenium's WebDriverWait for the condition; an element an ajax update replaced under it
   * (stale) is looked up again.
   */
  private boolean waitFor(Duration deadline, Duration every, Supplier<Boolean> condition) {
    try {
      new org.openqa.selenium.support.ui.WebDriverWait(driver, deadline, every)
          .ignoring(StaleElementReferenceException.class)
          .until(d -> Boolean.TRUE.equals(condition.get()));
      return true;
    } catch (org.openqa.selenium.TimeoutException e) {
      return false;
    }
  }

  /** Like {@link #await} but only reports whether the condition came true in time. */
  boolean awaitQuietly(Duration deadline, Supplier<Boolean> condition) {
    return waitFor(deadline, Duration.ofMillis(100), condition);
  }

  /** Nothing sticks out sideways: the page needs no horizontal scrolling at this width. */
  boolean fitsWidth() {
    Object fits = ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth + 1;");
    return Boolean.TRUE.equals(fits);
  }

  Path screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Path file = SHOTS.resolve(name + ".png");
    Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    if (Boolean.getBoolean("ncs.docs.images") && !name.startsWith("failed-")) {
      Files.createDirectories(DOCS);
      Files.copy(file, DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      org.ncsha.it.Files.deleteTree(profile);
    }
  }
}
