package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CompressionStream, DecompressionStream, TextEncoderStream, TextDecoderStream, IdentityTransformStream and
 * FixedLengthStream; the expected texts are workerd's answers to the same cases (Miniflare 4.20260426.0).
 */
class TransformStreamsTest {
  private static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().port(-1).worker(w -> w.modules(true)
        .scriptPath(Path.of("src/test/resources/workers/transform-streams.mjs"))).build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "gzipBytes | 31 139 8 0 0 0 0 0 0 3 75 76 76 76 4 0 69 229 152 173 4 0 0 0",
      "deflateBytes | 120 156 75 76 76 76 4 0 3 206 1 133",
      "deflateRawBytes | 75 76 76 76 4 0",
      "roundTrips | true,true,true",
      "decompressByteByByte | hello world",
      "gzipWithFileName | hi",
      "badFormat | TypeError: The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.",
      "notGzip | TypeError: Decompression failed.",
      "badCrc | TypeError: Decompression failed.",
      "trailingBytes | TypeError: Trailing bytes after end of compressed data",
      "truncated | TypeError: Called close() on a decompression stream with incomplete data",
      "empty | TypeError: Called close() on a decompression stream with incomplete data",
      "compressString | `TypeError: This TransformStream is being used as a byte stream, but received a string on its writable side. If you wish to write a string, you'll probably want to explicitly UTF-8-encode it with TextEncoder.`",
      "compressNumber | TypeError: This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side.",
      "identity | hi",
      "identityString | `TypeError: This TransformStream is being used as a byte stream, but received a string on its writable side. If you wish to write a string, you'll probably want to explicitly UTF-8-encode it with TextEncoder.`",
      "fixedLength | 1 2 3",
      "fixedLengthShort | TypeError: FixedLengthStream did not see all expected bytes before close().",
      "fixedLengthNegative | TypeError: The value cannot be converted because it is negative and this API expects a positive bigint.",
      "fixedLengthNotInteger | TypeError: The value cannot be converted because it is not an integer.",
      "fixedLengthHuge | TypeError: FixedLengthStream requires an integer expected length less than 2^53.",
      "textDecoderStream | éA",
      "textDecoderStreamPartial | a/\uFFFD",
      "textDecoderStreamFatal | TypeError: Failed to decode input.",
      "textDecoderStreamString | TypeError: This TransformStream is being used as a byte stream, but received a value that is not a BufferSource.",
      "textDecoderStreamLabel | `RangeError: \"nope\" is not a valid encoding.`",
      "textEncoderStream | 240 159 152 128 97",
      "textEncoderStreamLoneSurrogate | 97/239 191 189",
      "textEncoderStreamEmptyAndNumber | 53",
      "properties | utf-8,utf-16le,true,true",
      "areTransformStreams | `true[object Object],true[object Object],true[object Object],true[object Object],true[object Object],true[object Object]`",
  })
  void behavesAsWorkerd(String name, String expected) {
    assertThat(mf.dispatchFetch("http://localhost/" + name).text()).isEqualTo(expected);
  }
}
