using System.Buffers.Binary;

namespace CameraCloud.Codecs.V720.Tests;

public class AckCollectorTests
{
    private static uint[] Ids(byte[] datagram)
    {
        var ids = new uint[(datagram.Length - V720Header.Size) / 4];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadUInt32LittleEndian(datagram.AsSpan(V720Header.Size + 4 * i));
        }
        return ids;
    }

    [Fact]
    public void MarkFrameEnded_is_true_exactly_once()
    {
        var acks = new AckCollector();
        Assert.False(acks.FirstFrameEnded);

        Assert.True(acks.MarkFrameEnded());
        Assert.True(acks.FirstFrameEnded);
        Assert.False(acks.MarkFrameEnded());
        Assert.False(acks.MarkFrameEnded());
    }

    [Fact]
    public void Confirmation_of_the_captured_frame_matches_the_captured_bytes()
    {
        var acks = new AckCollector();
        for (uint id = 2802; id <= 2827; id++)
        {
            acks.Record(id);
        }

        var datagram = Assert.Single(acks.TakeConfirmations());

        var prefix = Captured.Bytes(Captured.Confirm605Prefix);
        Assert.Equal(V720Header.Size + 104, datagram.Length);
        Assert.Equal(prefix, datagram[..prefix.Length]);
        Assert.Equal(Enumerable.Range(2802, 26).Select(i => (uint)i), Ids(datagram));
    }

    [Fact]
    public void Empty_confirmation_is_the_20_byte_header()
    {
        var empty = AckCollector.EmptyConfirmation();

        Assert.Equal("000000005D020000303030303030303000000000", Convert.ToHexString(empty));
    }

    [Fact]
    public void Taking_with_nothing_pending_gives_one_empty_confirmation()
    {
        var acks = new AckCollector();

        var datagram = Assert.Single(acks.TakeConfirmations());

        Assert.Equal(AckCollector.EmptyConfirmation(), datagram);
    }

    [Fact]
    public void Taking_clears_the_pending_ids()
    {
        var acks = new AckCollector();
        acks.Record(1);
        acks.Record(2);
        Assert.Equal(2, acks.PendingCount);

        Assert.Equal([1u, 2u], Ids(Assert.Single(acks.TakeConfirmations())));

        Assert.Equal(0, acks.PendingCount);
        Assert.Equal(V720Header.Size, Assert.Single(acks.TakeConfirmations()).Length);
        acks.Record(3);
        Assert.Equal([3u], Ids(Assert.Single(acks.TakeConfirmations())));
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(250, new[] { 250 })]
    [InlineData(251, new[] { 251 })]
    [InlineData(252, new[] { 251, 1 })]
    [InlineData(502, new[] { 251, 251 })]
    [InlineData(503, new[] { 251, 251, 1 })]
    [InlineData(1000, new[] { 251, 251, 251, 247 })]
    public void Splits_at_251_ids_per_datagram_in_order(int count, int[] expectedSizes)
    {
        var acks = new AckCollector();
        for (int i = 0; i < count; i++)
        {
            acks.Record((uint)(5000 + i));
        }

        var datagrams = acks.TakeConfirmations();

        Assert.Equal(expectedSizes, datagrams.Select(d => Ids(d).Length));
        Assert.All(datagrams, d => Assert.True(d.Length <= 1024));
        Assert.All(datagrams, d =>
        {
            var header = V720Header.Read(d);
            Assert.Equal(new V720Header((uint)(d.Length - V720Header.Size), V720Cmd.RetransmissionConfirm, 0, 0, V720Header.AsciiZeroForwardId, 0), header);
        });
        Assert.Equal(Enumerable.Range(5000, count).Select(i => (uint)i), datagrams.SelectMany(Ids));
    }

    [Fact]
    public void A_full_datagram_is_1024_bytes()
    {
        var acks = new AckCollector();
        for (int i = 0; i < AckCollector.MaxIdsPerDatagram; i++)
        {
            acks.Record((uint)i);
        }

        Assert.Equal(1024, Assert.Single(acks.TakeConfirmations()).Length);
    }

    [Fact]
    public void Beyond_the_bound_the_oldest_ids_are_discarded()
    {
        var acks = new AckCollector();
        const int extra = 100;
        for (int i = 0; i < AckCollector.MaxPendingIds + extra; i++)
        {
            acks.Record((uint)i);
        }

        Assert.Equal(AckCollector.MaxPendingIds, acks.PendingCount);
        Assert.Equal(extra, acks.IdsDiscarded);
        var ids = acks.TakeConfirmations().SelectMany(Ids).ToArray();
        Assert.Equal(Enumerable.Range(extra, AckCollector.MaxPendingIds).Select(i => (uint)i), ids);
    }

    [Fact]
    public void Ring_keeps_order_across_wraps()
    {
        var acks = new AckCollector();
        uint next = 0;
        var expected = new List<uint>();
        for (int round = 0; round < 5; round++)
        {
            expected.Clear();
            for (int i = 0; i < 3000; i++)
            {
                expected.Add(next);
                acks.Record(next++);
            }
            Assert.Equal(expected, acks.TakeConfirmations().SelectMany(Ids));
        }
        Assert.Equal(0, acks.IdsDiscarded);
    }

    [Fact]
    public void Reset_forgets_ids_and_first_frame_but_keeps_the_discard_count()
    {
        var acks = new AckCollector();
        for (int i = 0; i < AckCollector.MaxPendingIds + 1; i++)
        {
            acks.Record((uint)i);
        }
        acks.MarkFrameEnded();

        acks.Reset();

        Assert.Equal(0, acks.PendingCount);
        Assert.False(acks.FirstFrameEnded);
        Assert.Equal(1, acks.IdsDiscarded);
        Assert.True(acks.MarkFrameEnded());
        Assert.Equal(AckCollector.EmptyConfirmation(), Assert.Single(acks.TakeConfirmations()));
    }
}
