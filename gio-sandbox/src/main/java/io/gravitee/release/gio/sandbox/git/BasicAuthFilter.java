package io.gravitee.release.gio.sandbox.git;

import io.gravitee.release.gio.sandbox.PeerCredentials;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * HTTP Basic authentication for every request. An authenticated request carries the user as
 * {@link HttpServletRequest#getRemoteUser()}, which is what lets JGit's servlet accept a push.
 */
final class BasicAuthFilter implements Filter {

    static final String REALM = "gio-sandbox";

    private final byte[] expected;
    private final String username;

    BasicAuthFilter(PeerCredentials credentials) {
        this.username = credentials.username();
        this.expected = (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!authenticated(http.getHeader("Authorization"))) {
            HttpServletResponse out = (HttpServletResponse) response;
            out.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            out.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public String getRemoteUser() {
                return username;
            }

            @Override
            public String getAuthType() {
                return HttpServletRequest.BASIC_AUTH;
            }
        }, response);
    }

    private boolean authenticated(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // Constant time: the sandbox is local, but a timing oracle would still be a bad example.
        return MessageDigest.isEqual(given, expected);
    }
}
