package io.surge.bench.load;

import io.surge.bench.workload.CatalogueSpec;
import io.surge.bench.workload.SaleSpec;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Loads a workload's catalogue into the server through its admin HTTP API before a run: {@code PUT
 * /skus/{sku}} for every SKU (which also resets a re-run's stock), then {@code PUT /sales/{id}} for
 * the sale, if any, opening at the given time. Uses {@link HttpClient} with a bounded number of
 * requests in flight. Call from one thread.
 */
final class CatalogueLoader {
    private static final int IN_FLIGHT = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_ECHO = 200;

    private final URI admin;
    private final String token;
    private final HttpClient client;

    /**
     * @param admin the admin API's base URL, e.g. {@code http://127.0.0.1:7480}
     * @param token the bearer token, or null when the server accepts loopback callers without one
     */
    CatalogueLoader(URI admin, String token) {
        this.admin = admin;
        this.token = token == null || token.isEmpty() ? null : token;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Defines every SKU, then the sale (window from {@code saleStartMs}); throws {@link LoadException} naming the first failure. */
    void load(CatalogueSpec catalogue, long saleStartMs) {
        final Semaphore room = new Semaphore(IN_FLIGHT);
        final List<CompletableFuture<String>> pending = new ArrayList<>();
        for (int i = 0; i < catalogue.skuCount(); i++) {
            final long sku = catalogue.sku(i);
            final String body = "{\"merchantId\":" + catalogue.merchantId(sku) + ",\"priceCents\":" + catalogue.priceCents(sku)
                + ",\"available\":" + catalogue.initialStock(sku) + "}";
            room.acquireUninterruptibly();
            pending.add(put("/skus/" + sku, body).whenComplete((ok, failure) -> room.release()));
            if (pending.size() >= 1024) {
                awaitAll(pending);
            }
        }
        awaitAll(pending);
        if (catalogue.sale().isPresent()) {
            final SaleSpec sale = catalogue.sale().get();
            final String skus = java.util.Arrays.stream(sale.skus()).mapToObj(Long::toString).collect(Collectors.joining(","));
            final String body = "{\"startMs\":" + saleStartMs + ",\"endMs\":" + (saleStartMs + sale.durationMs()) + ",\"skus\":["
                + skus + "],\"limitPerCustomer\":" + sale.limitPerCustomer() + "}";
            pending.add(put("/sales/" + sale.saleId(), body));
            awaitAll(pending);
        }
    }

    private CompletableFuture<String> put(String path, String body) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(admin.resolve(path)).timeout(TIMEOUT)
            .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            final String status = HttpResponseHandler.field(response.body(), "status");
            if (response.statusCode() != 200 || !"ACCEPTED".equals(status)) {
                throw new LoadException("the admin API (--admin " + admin + ") answered PUT " + path + " with " + response.statusCode()
                    + " " + shorten(response.body()) + (response.statusCode() == 401 ? " (give --admin-token)" : ""));
            }
            return status;
        });
    }

    private void awaitAll(List<CompletableFuture<String>> pending) {
        try {
            for (CompletableFuture<String> future : pending) {
                future.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw explain(e.getCause());
        } catch (TimeoutException e) {
            throw new LoadException("the admin API (--admin " + admin + ") did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted while loading the catalogue");
        } finally {
            pending.clear();
        }
    }

    private LoadException explain(Throwable cause) {
        Throwable root = cause;
        for (Throwable link = cause; link != null; link = link.getCause()) {
            if (link instanceof LoadException load) {
                return load;
            }
            if (link instanceof ConnectException) {
                return new LoadException("cannot reach the admin API at " + admin + " (--admin): connection refused");
            }
            root = link;
        }
        if (root instanceof IOException) {
            return new LoadException("the admin API at " + admin + " (--admin) failed: " + root);
        }
        return new LoadException("loading the catalogue through " + admin + " failed: " + root);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_BODY_ECHO ? text : text.substring(0, MAX_BODY_ECHO) + "...";
    }
}
