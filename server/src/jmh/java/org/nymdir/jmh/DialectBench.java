package org.nymdir.jmh;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;
import org.nymdir.crypto.EcKeyPair;
import org.nymdir.crypto.Ecdsa;
import org.nymdir.dialect.DecodeResult;
import org.nymdir.dialect.v1.V1Dialect;
import org.nymdir.directory.Reply;
import org.nymdir.directory.Topic;
import org.nymdir.mixnet.addressing.SenderTag;
import org.nymdir.mixnet.wire.ClientWire;
import org.nymdir.mixnet.wire.ServerResponse;
import org.nymdir.mixnet.wire.WireException;
import org.nymdir.sim.wire.ServerWire;
import org.nymdir.vocabulary.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The v1 dialect at the wire edge: parse a relay request ({@code decodeSend}), sign and render the two
 * replies of a relay ({@code encodeIncoming}, {@code encodeResult}), and wrap a reply into the nym-client's
 * text frame ({@code replyFrame}, what the link does to every reply); and the way in: a request as the nym-client
 * delivers it ({@code receivedFrame}: its {@code received} text frame read, the message taken out as the
 * pipeline gets it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DialectBench {
    @Param({"native", "jdk"})
    public String provider;

    private V1Dialect dialect;
    private String sendRequest;
    private Reply.Incoming incoming;
    private String renderedIncoming;
    private SenderTag tag;
    private String receivedFrame;

    @Setup
    public void setup() {
        Ecdsa ecdsa = Fixture.ecdsa(provider);
        dialect = new V1Dialect(Fixture.signer(ecdsa), V1Dialect.DEFAULT_MAX_REQUEST_BYTES);
        PrivateKey alice = ecdsa.provider().importPrivateKey(EcKeyPair.generate(Fixture.RANDOM).privateKey());
        String content = Fixture.content("alice", "bob");
        sendRequest = Fixture.send(ecdsa, alice, content);
        if (!(dialect.decode(sendRequest) instanceof DecodeResult.Decoded d)
                || !(d.request() instanceof org.nymdir.directory.Request.Send s)
                || !(s.message() instanceof org.nymdir.directory.SendContent.Message m)) {
            throw new IllegalStateException("the fixture request does not decode");
        }
        incoming = new Reply.Incoming("alice", m.rawBody(), m.rawSenderPublicKey(), "0123456789abcdef0123456789abcdef");
        renderedIncoming = dialect.encode(incoming);
        tag = SenderTag.parse("zXExeyvPEHUk9rjXTu78T");
        receivedFrame = ServerWire.toText(new ServerResponse.Received(
                sendRequest.getBytes(StandardCharsets.UTF_8), tag));
    }

    @Benchmark
    public DecodeResult decodeSend() {
        return dialect.decode(sendRequest);
    }

    @Benchmark
    public String encodeIncoming() {
        return dialect.encode(incoming);
    }

    @Benchmark
    public String encodeResult() {
        return dialect.encode(new Reply.Result(Topic.SEND, Status.SUCCESS));
    }

    @Benchmark
    public ServerResponse receivedFrame() throws WireException {
        return ClientWire.fromText(receivedFrame);
    }

    @Benchmark
    public String replyFrame() {
        return ClientWire.replyText(tag, renderedIncoming);
    }
}
