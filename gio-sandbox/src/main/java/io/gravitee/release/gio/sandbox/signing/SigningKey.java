package io.gravitee.release.gio.sandbox.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * A throw-away OpenPGP signing key made with BouncyCastle, exported as maven-gpg-plugin's {@code bc} signer reads it
 * from {@code MAVEN_GPG_KEY} (an armored transferable secret key) with {@code MAVEN_GPG_PASSPHRASE}; it also checks
 * the signatures made with it.
 */
public final class SigningKey {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final String armoredSecretKey;
    private final String passphrase;
    private final PGPPublicKey publicKey;

    private SigningKey(String armoredSecretKey, String passphrase, PGPPublicKey publicKey) {
        this.armoredSecretKey = armoredSecretKey;
        this.passphrase = passphrase;
        this.publicKey = publicKey;
    }

    /** A new RSA 2048 key, its secret part protected by {@code passphrase}. */
    public static SigningKey generate(String passphrase) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", BC);
        rsa.initialize(2048);
        PGPKeyPair pair = new JcaPGPKeyPair(PublicKeyPacket.VERSION_4, PGPPublicKey.RSA_GENERAL, rsa.generateKeyPair(),
                new Date());
        PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build()
                .get(HashAlgorithmTags.SHA1);
        PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair,
                "gio tests <gio-tests@example.org>", sha1, null, null,
                new JcaPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256)
                        .setProvider(BC),
                new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).setProvider(BC)
                        .build(passphrase.toCharArray()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            generator.generateSecretKeyRing().encode(armored);
        }
        return new SigningKey(bytes.toString(StandardCharsets.US_ASCII), passphrase, pair.getPublicKey());
    }

    /** What {@code MAVEN_GPG_KEY} takes. */
    public String armoredSecretKey() {
        return armoredSecretKey;
    }

    public String passphrase() {
        return passphrase;
    }

    /** True when {@code asc} is a valid detached signature of {@code content} by this key. */
    public boolean verifies(byte[] content, byte[] asc) throws Exception {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(asc))) {
            Object object = new JcaPGPObjectFactory(in).nextObject();
            if (!(object instanceof PGPSignatureList list) || list.isEmpty()) {
                return false;
            }
            PGPSignature signature = list.get(0);
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BC), publicKey);
            signature.update(content);
            return signature.verify();
        } catch (IOException e) {
            return false;
        }
    }

    /** The public key, armored as {@code gpg --export --armor} writes it: what signature checks need. */
    public String armoredPublicKey() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            publicKey.encode(armored);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "SigningKey[passphrase=****]";
    }
}
