package dev.trawl.output;

import dev.trawl.FetchKind;
import dev.trawl.PageRecord;
import dev.trawl.fetch.FetchResult;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Writes every HTTP exchange of the crawl to WARC 1.1 files with jwarc: a {@code request} and a
 * {@code response} record per fetch (robots.txt, redirects and retries included), the response
 * body as received (before decompression), each file opening with a {@code warcinfo} record.
 * A file that grows past the size limit is closed and the next one started: {@code crawl.warc.gz},
 * then {@code crawl-00001.warc.gz}, and so on. A body that was not read (not HTML, an error page)
 * or was cut at the size cap is marked {@code WARC-Truncated}.
 *
 * <p>The crawler must keep exchanges: {@code FetchOptions.builder().keepExchanges(true)}.
 */
public final class WarcSink implements Sink {

    private final Path first;
    private final long maxFileSize;
    private final String software;
    private WarcWriter writer;
    private int fileIndex;

    /**
     * @param path the first file; its name ends with {@code .warc} or {@code .warc.gz} (gzip per record)
     * @param maxFileSize a file is closed once it is this large
     * @param software what wrote the archive, for the warcinfo record
     */
    public WarcSink(Path path, long maxFileSize, String software) throws IOException {
        this.first = path;
        this.maxFileSize = maxFileSize;
        this.software = software;
        open();
    }

    private void open() throws IOException {
        Path file = fileIndex == 0 ? first : numbered(first, fileIndex);
        WarcCompression compression = file.toString().endsWith(".gz") ? WarcCompression.GZIP : WarcCompression.NONE;
        writer = new WarcWriter(
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING),
                compression);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of(software));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put(
                "conformsTo",
                List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        writer.write(new Warcinfo.Builder()
                .filename(file.getFileName().toString())
                .fields(fields)
                .build());
    }

    /** {@code crawl.warc.gz} and 3 give {@code crawl-00003.warc.gz}. */
    static Path numbered(Path path, int index) {
        String name = path.getFileName().toString();
        int dot = name.indexOf(".warc");
        String numberedName = dot < 0
                ? name + "-" + String.format("%05d", index)
                : name.substring(0, dot) + "-" + String.format("%05d", index) + name.substring(dot);
        return path.resolveSibling(numberedName);
    }

    @Override
    public void onPage(PageRecord page) {
        // Pages are archived as the exchanges that fetched them, in onFetch.
    }

    @Override
    public void onFetch(FetchResult fetch, FetchKind kind) throws IOException {
        FetchResult.Exchange ex = fetch.exchange();
        if (ex == null) {
            return;
        }
        URI uri = fetch.url().toUri();
        byte[] requestBytes = ex.requestHead().getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = ex.responseHead().getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = new byte[head.length + ex.rawBody().length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(ex.rawBody(), 0, message, head.length, ex.rawBody().length);
        WarcResponse.Builder response = new WarcResponse.Builder(uri)
                .date(ex.date())
                .body(MediaType.HTTP_RESPONSE, message)
                .payloadDigest(sha1(ex.rawBody()));
        if (!ex.complete()) {
            response.truncated(WarcTruncationReason.UNSPECIFIED);
        }
        WarcResponse written = response.build();
        writer.write(written);
        writer.write(new WarcRequest.Builder(uri)
                .date(ex.date())
                .body(MediaType.HTTP_REQUEST, requestBytes)
                .concurrentTo(written.id())
                .build());
        if (writer.position() >= maxFileSize) {
            writer.close();
            fileIndex++;
            open();
        }
    }

    private static WarcDigest sha1(byte[] bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(bytes);
            return new WarcDigest(md);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
