package io.surge.engine.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The live dashboard ({@code GET /}): one HTML page with its CSS and JavaScript inline, bundled
 * in the jar, loaded once. It fetches nothing from anywhere but this server (its
 * Content-Security-Policy says so too) and follows {@code /stats/stream}.
 */
final class DashboardPage {
    static final String RESOURCE = "/surge/dashboard/index.html";
    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** Inline script and style only; the event stream is same-origin ({@code default-src 'self'}). */
    static final String POLICY = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

    private static final Reply PAGE = new Reply(HttpResponseStatus.OK, load(), CONTENT_TYPE, "Content-Security-Policy", POLICY);

    private DashboardPage() {
    }

    static Reply reply() {
        return PAGE;
    }

    private static byte[] load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard page " + RESOURCE, e);
        }
    }
}
