package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Every released file has an ASCII-armored OpenPGP signature ({@code .asc}) that parses. When public keys are
 * given ({@code -Dgio.staging.publicKeyRing}, an armored or binary key ring), each signature must also be
 * made by one of them and match the file's bytes.
 */
public final class SignatureRule implements StagingRule {
    private final PGPPublicKeyRingCollection keys;

    /** @param keys the keys allowed to sign, or null to check presence and form only */
    public SignatureRule(PGPPublicKeyRingCollection keys) {
        this.keys = keys;
    }

    /** Reads a public key ring file; a clear error names the file when it is not one. */
    public static PGPPublicKeyRingCollection readKeyRing(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException e) {
            throw new io.gravitee.release.gio.staging.StagingException("Cannot read the public key ring " + file + ": "
                    + e.getMessage() + " (export it with gpg --export --armor KEYID > keys.asc)", e);
        }
    }

    @Override
    public String id() {
        return "signature";
    }

    @Override
    public List<Problem> check(ResolvedComponent component) {
        List<Problem> problems = new ArrayList<>();
        for (ResolvedFile file : component.files()) {
            if (file.signature() == null) {
                problems.add(new Problem(id(), file.path(), "no signature " + file.artifact().fileName()
                        + ".asc in the source repository: the release build must sign every file (maven-gpg-plugin)"));
                continue;
            }
            try {
                PGPSignature signature = read(file.signature());
                if (keys != null) {
                    verify(file, signature).ifPresent(m -> problems.add(new Problem(id(), file.path(), m)));
                }
            } catch (IOException | PGPException | RuntimeException e) {
                problems.add(new Problem(id(), file.path() + ".asc", "not an OpenPGP signature: " + e.getMessage()));
            }
        }
        return problems;
    }

    private java.util.Optional<String> verify(ResolvedFile file, PGPSignature signature)
            throws IOException, PGPException {
        PGPPublicKey key = keys.getPublicKey(signature.getKeyID());
        if (key == null) {
            return java.util.Optional.of("signed by key " + hex(signature.getKeyID())
                    + ", which is not in the given public key ring");
        }
        signature.init(new BcPGPContentVerifierBuilderProvider(), key);
        try (InputStream in = Files.newInputStream(file.file())) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                signature.update(buffer, 0, n);
            }
        }
        return signature.verify() ? java.util.Optional.empty()
                : java.util.Optional.of("the signature by key " + hex(signature.getKeyID())
                        + " does not match the file's content (BAD signature)");
    }

    private static PGPSignature read(Path asc) throws IOException, PGPException {
        String head = new String(Files.readAllBytes(asc), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        if (!head.startsWith("-----BEGIN PGP SIGNATURE-----")) {
            throw new IOException("not ASCII-armored (no BEGIN PGP SIGNATURE line)");
        }
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(asc))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (object instanceof PGPCompressedData compressed) {
                object = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (object instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            throw new IOException("no signature packet");
        }
    }

    private static String hex(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }
}
