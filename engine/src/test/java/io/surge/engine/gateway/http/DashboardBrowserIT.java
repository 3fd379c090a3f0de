package io.surge.engine.gateway.http;

import io.surge.engine.Engine;
import io.surge.engine.Outcome;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end in a real browser: headless Chromium, driven by chromedriver through Selenium,
 * opens the dashboard of a real server while orders flow, and sees the GMV counter rise, agree
 * with {@code GET /stats} once the flow stops, a sell-out arrive in the feed, and the page
 * reconnect by itself after the server restarts. Saves a screenshot as
 * {@code engine/target/dashboard-e2e.png}.
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them);
 * skipped, saying so, where they are missing. Other locations: {@code -Dsurge.chromium=...}
 * and {@code -Dsurge.chromedriver=...}.
 */
class DashboardBrowserIT {
    private static final long PRICE = 1_999;
    private static final long SCARCE_SKU = 7;
    private static final int SCARCE_STOCK = 25;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;

    @Test
    void theDashboardShowsGmvRisingAgreeingWithStatsASellOutAndReconnectsAfterARestart() throws Exception {
        final File chromium = executable("surge.chromium", "/usr/bin/chromium");
        final File chromedriver = executable("surge.chromedriver", "/usr/bin/chromedriver");
        Assumptions.assumeTrue(chromium != null && chromedriver != null,
            "skipped: no headless browser here (needs chromium and chromedriver: apt-get install -y chromium chromium-driver)");

        Server server = Server.start(config(0));
        final int httpPort = server.httpPort();
        final String address = "http://127.0.0.1:" + httpPort + "/";
        final ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        final ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--user-data-dir=" + browserProfile, "--window-size=1600,1000");
        final WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(address);
            await("the page connects to the event stream", () -> text(browser, "conn").equals("live") ? "" : null);

            // Orders flow from another thread while the page is watched.
            final AtomicBoolean flowing = new AtomicBoolean(true);
            final AtomicReference<Throwable> flowProblem = new AtomicReference<>();
            final Engine engine = server.engine();
            final Thread flow = new Thread(() -> {
                try {
                    placeAndPay(engine, 600);
                } catch (Throwable t) {
                    flowProblem.set(t);
                } finally {
                    flowing.set(false);
                }
            }, "e2e-orders");
            flow.start();
            final List<Long> seen = new ArrayList<>();
            seen.add(gmvShown(browser));
            while (flowing.get()) {
                final long shown = gmvShown(browser);
                if (shown != seen.get(seen.size() - 1)) {
                    seen.add(shown);
                }
                Thread.sleep(100);
            }
            flow.join();
            assertNull(flowProblem.get(), () -> "placing orders failed: " + flowProblem.get());
            assertTrue(seen.size() >= 3, "the GMV counter should have ticked up while orders flowed: " + seen);
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) > seen.get(i - 1), "the GMV counter only ever rises: " + seen);
            }

            final long gmvCents = gmvOfStats(httpPort);
            assertTrue(gmvCents > 0);
            await("the counter settles on GET /stats gmvCents = " + gmvCents,
                () -> gmvShown(browser) == gmvCents ? "" : null);
            await("SKU " + SCARCE_SKU + " appears in the sell-out feed",
                () -> browser.findElements(By.cssSelector("#sellouts li[data-sku='" + SCARCE_SKU + "']")).isEmpty() ? null : "");
            final Path screenshot = Path.of("target", "dashboard-e2e.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

            // A restart on the same port and data: the open page reconnects by itself and shows
            // the same GMV (the live view is rebuilt from the journal).
            server.close();
            await("the page notices the server is gone", () -> text(browser, "conn").equals("live") ? null : "");
            server = Server.start(config(httpPort));
            await("the page reconnects after the restart", () -> text(browser, "conn").equals("live") ? "" : null);
            await("the GMV after the restart is the same", () -> gmvShown(browser) == gmvCents ? "" : null);
            assertEquals(gmvCents, gmvOfStats(httpPort));
        } finally {
            browser.quit();
            server.close();
        }
    }

    private EngineConfig config(int httpPort) {
        final List<SkuDefinition> catalogue = new ArrayList<>();
        catalogue.add(new SkuDefinition(SCARCE_SKU, 3, PRICE, SCARCE_STOCK));
        for (long sku = 100; sku < 120; sku++) {
            catalogue.add(new SkuDefinition(sku, 1 + sku % 4, PRICE + sku, 1_000_000));
        }
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).catalogue(catalogue)
            .gateway(GatewaySettings.DEFAULTS.withPorts(0, httpPort)).build();
    }

    /** About {@code orders} orders over several seconds, each paid; every tenth on the scarce SKU until it sells out. */
    private static void placeAndPay(Engine engine, int orders) throws Exception {
        final OrderLines lines = new OrderLines();
        for (long orderId = 1; orderId <= orders; orderId++) {
            final long sku = orderId % 10 == 0 ? SCARCE_SKU : 100 + orderId % 20;
            final long price = sku == SCARCE_SKU ? PRICE : PRICE + sku;
            final Outcome placed = engine.placeOrder(orderId, orderId, lines.clear().add(sku, 1, price)).get();
            if (placed.status() == Status.RESERVED) {
                assertEquals(Status.PAID, engine.confirmPayment(orderId).get().status());
            }
            if (orderId % 20 == 0) {
                Thread.sleep(100); // about 200 orders a second: the page sees the counter climb
            }
        }
    }

    private static long gmvOfStats(int httpPort) throws Exception {
        final HttpClient client = HttpClient.newHttpClient();
        final HttpResponse<String> stats = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/stats")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stats.statusCode());
        return HttpGatewayTest.JSON.readTree(stats.body()).get("gmvCents").asLong();
    }

    /** The counter's text ("1,234,567.89") in cents. */
    private static long gmvShown(WebDriver browser) {
        final String shown = text(browser, "gmv");
        return Long.parseLong(shown.replace(",", "").replace(".", ""));
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    /** Polls until {@code check} returns non-null, failing after {@link #PATIENCE}. */
    private static void await(String what, Supplier<String> check) throws InterruptedException {
        final long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (check.get() == null) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    /** The executable named by the system property, or at the default path; null when missing. */
    private static File executable(String property, String defaultPath) {
        final File file = new File(System.getProperty(property, defaultPath));
        return file.canExecute() ? file : null;
    }
}
