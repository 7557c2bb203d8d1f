package io.gravitee.release.gio.bundle.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gravitee.release.gio.bundle.s3.S3Store.RemoteObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The listing parser on answers shaped as S3 writes them (pagination, sub-prefixes, escaped names, multipart ETags). */
class BucketClientTest {

    private static BucketClient.Page parse(String xml, List<RemoteObject> objects, List<String> prefixes) throws IOException {
        return BucketClient.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), objects, prefixes);
    }

    @Test
    void readsObjectsPrefixesAndTheContinuationToken() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Name>downloads</Name><Prefix>apim/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>
                  <IsTruncated>true</IsTruncated>
                  <Contents><Key>apim/notes &amp; &lt;changes&gt; été.txt</Key><LastModified>2024-03-05T10:15:00.000Z</LastModified>
                    <ETag>&quot;9e107d9d372bb6826bd81d3542a419d6&quot;</ETag><Size>43</Size><StorageClass>STANDARD</StorageClass></Contents>
                  <Contents><Key>apim/big.zip</Key><LastModified>2024-03-06T00:00:00Z</LastModified>
                    <ETag>"d41d8cd98f00b204e9800998ecf8427e-5"</ETag><Size>83886080</Size><Owner><ID>x</ID></Owner></Contents>
                  <Contents><Key>apim/folder/</Key><LastModified>2024-03-06T00:00:00Z</LastModified><ETag>"x"</ETag><Size>0</Size></Contents>
                  <CommonPrefixes><Prefix>apim/components/</Prefix></CommonPrefixes>
                  <CommonPrefixes><Prefix>apim/plugins/</Prefix></CommonPrefixes>
                  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
                </ListBucketResult>""";
        List<RemoteObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        BucketClient.Page page = parse(xml, objects, prefixes);

        assertEquals(List.of(
                new RemoteObject("apim/notes & <changes> été.txt", 43, "9e107d9d372bb6826bd81d3542a419d6",
                        Instant.parse("2024-03-05T10:15:00Z")),
                new RemoteObject("apim/big.zip", 83886080, "d41d8cd98f00b204e9800998ecf8427e-5", Instant.parse("2024-03-06T00:00:00Z"))),
                objects, "folder markers are not objects");
        assertEquals(List.of("apim/components/", "apim/plugins/"), prefixes);
        assertEquals(Optional.of("1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="), page.next());

        BucketClient.Page last = parse("<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>",
                new ArrayList<>(), new ArrayList<>());
        assertEquals(Optional.empty(), last.next());
    }

    @Test
    void namesWithANamespacePrefixAreReadAlike() throws Exception {
        String xml = """
                <s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><s3:IsTruncated>true</s3:IsTruncated>
                  <s3:Contents><s3:Key>apim/a.zip</s3:Key><s3:LastModified>2024-03-05T10:15:00.000Z</s3:LastModified>
                    <s3:ETag>"9e107d9d372bb6826bd81d3542a419d6"</s3:ETag><s3:Size>43</s3:Size></s3:Contents>
                  <s3:CommonPrefixes><s3:Prefix>apim/plugins/</s3:Prefix></s3:CommonPrefixes>
                  <s3:NextContinuationToken>token</s3:NextContinuationToken>
                </s3:ListBucketResult>""";
        List<RemoteObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        BucketClient.Page page = parse(xml, objects, prefixes);

        assertEquals(List.of(new RemoteObject("apim/a.zip", 43, "9e107d9d372bb6826bd81d3542a419d6",
                Instant.parse("2024-03-05T10:15:00Z"))), objects);
        assertEquals(List.of("apim/plugins/"), prefixes);
        assertEquals(Optional.of("token"), page.next());
    }

    @Test
    void anUnreadableAnswerIsAnIoErrorSoThatItIsRetried() {
        assertThrows(IOException.class, () -> parse("<ListBucketResult><Contents><Key>a", new ArrayList<>(), new ArrayList<>()));
        assertThrows(IOException.class, () -> parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
                new ArrayList<>(), new ArrayList<>()));
    }
}
