package io.gravitee.release.gio.staging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;

/** A real OpenPGP key made for the tests, producing real detached armored signatures. */
final class TestSigner {
    static final TestSigner MAIN = generate();
    static final TestSigner OTHER = generate();

    private final PGPKeyPair key;

    private TestSigner(PGPKeyPair key) {
        this.key = key;
    }

    static TestSigner generate() {
        try {
            RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
            generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), 1024, 12));
            return new TestSigner(new BcPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, generator.generateKeyPair(),
                    new Date()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] sign(byte[] content) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    key.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, key.getPrivateKey());
            generator.update(content);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
                generator.generate().encode(armored);
            }
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    PGPPublicKeyRingCollection keyRing() {
        try {
            return new PGPPublicKeyRingCollection(List.of(new PGPPublicKeyRing(List.of(key.getPublicKey()))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the public key ring, armored, as gpg --export --armor would. */
    Path writeKeyRing(Path file) throws IOException {
        try (OutputStream out = new ArmoredOutputStream(Files.newOutputStream(file))) {
            new PGPPublicKeyRing(List.of(key.getPublicKey())).encode(out);
        }
        return file;
    }
}
