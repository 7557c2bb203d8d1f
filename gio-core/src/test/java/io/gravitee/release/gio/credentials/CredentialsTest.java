package io.gravitee.release.gio.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void toStringNeverShowsTheSecret() {
        Credentials credentials = new Credentials("gio-s3", "access-key", "s3cr3t-Value");
        String shown = credentials.toString();
        assertFalse(shown.contains("s3cr3t"), shown);
        assertTrue(shown.contains("gio-s3") && shown.contains("access-key"), shown);
        assertFalse(String.valueOf(credentials).contains("s3cr3t-Value"));
        assertEquals("s3cr3t-Value", credentials.secret());
    }

    @Test
    void incompleteWhenUserOrSecretIsMissing() {
        assertTrue(new Credentials("id", "", "x").incomplete());
        assertTrue(new Credentials("id", "u", "").incomplete());
        assertFalse(new Credentials("id", "u", "x").incomplete());
        assertThrows(NullPointerException.class, () -> new Credentials("id", "u", null));
    }
}
