namespace CameraCloud.Codecs.V720.Tests;

public class JpegReassemblerTests
{
    private static ReassemblyStatus Feed(JpegReassembler reassembler, Packet packet, out byte[]? frame) =>
        reassembler.Accept(packet.Header, packet.Payload, out frame);

    private static List<ReassemblyStatus> FeedAll(JpegReassembler reassembler, IEnumerable<Packet> packets, List<byte[]>? frames = null)
    {
        var statuses = new List<ReassemblyStatus>();
        foreach (var packet in packets)
        {
            var status = Feed(reassembler, packet, out var frame);
            statuses.Add(status);
            Assert.Equal(status == ReassemblyStatus.Completed, frame is not null);
            if (frame is not null)
            {
                frames?.Add(frame);
            }
        }
        return statuses;
    }

    private static void AssertCounters(JpegReassembler reassembler, long completed, long incomplete, long corrupt)
    {
        Assert.Equal(completed, reassembler.FramesCompleted);
        Assert.Equal(incomplete, reassembler.FramesDroppedIncomplete);
        Assert.Equal(corrupt, reassembler.FramesDroppedCorrupt);
    }

    /// <summary>The spec's worked example: 26 packets, 25×1004 + 680 = 25780 = 25775 JPEG + 5 trailer.</summary>
    private static (byte[] Jpeg, List<Packet> Packets) CapturedSizedFrame()
    {
        var jpeg = JpegFrames.Jpeg(25775, seed: 2802);
        Captured.Bytes(Captured.JpegFirstPayloadPrefix).CopyTo(jpeg, 0);
        return (jpeg, JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 2802));
    }

    [Fact]
    public void Complete_frame_in_order_gives_the_exact_jpeg()
    {
        var (jpeg, packets) = CapturedSizedFrame();
        Assert.Equal(26, packets.Count);
        Assert.Equal(680, packets[^1].Payload.Length);
        Assert.Equal(2827u, packets[^1].PkgId);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        var statuses = FeedAll(reassembler, packets, frames);

        Assert.Equal(Enumerable.Repeat(ReassemblyStatus.Pending, 25).Append(ReassemblyStatus.Completed), statuses);
        var frame = Assert.Single(frames);
        Assert.Equal(25775, frame.Length);
        Assert.Equal(jpeg, frame);
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Fact]
    public void Consecutive_frames_each_complete_and_own_their_bytes()
    {
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();
        var jpegs = Enumerable.Range(0, 5).Select(i => JpegFrames.Jpeg(3000 + 997 * i, seed: i)).ToList();
        uint id = 10;
        foreach (var jpeg in jpegs)
        {
            var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), id);
            id += (uint)packets.Count;
            FeedAll(reassembler, packets, frames);
        }

        Assert.Equal(jpegs, frames);
        AssertCounters(reassembler, 5, 0, 0);
    }

    [Fact]
    public void Middle_fragments_out_of_order_are_put_back_in_order()
    {
        var (jpeg, packets) = CapturedSizedFrame();
        var middle = packets.Skip(1).Take(packets.Count - 2).ToArray();
        new Random(42).Shuffle(middle);
        var reordered = new[] { packets[0] }.Concat(middle).Append(packets[^1]);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        var statuses = FeedAll(reassembler, reordered, frames);

        Assert.Equal(ReassemblyStatus.Completed, statuses[^1]);
        Assert.Equal(jpeg, Assert.Single(frames));
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Fact]
    public void Out_of_order_then_in_order_frames_keep_working()
    {
        var reassembler = new JpegReassembler();
        var first = JpegFrames.Jpeg(5000, 1);
        var second = JpegFrames.Jpeg(7000, 2);
        var a = JpegFrames.Fragments(JpegFrames.WithTrailer(first), 100);
        (a[1], a[2]) = (a[2], a[1]);
        var b = JpegFrames.Fragments(JpegFrames.WithTrailer(second), 100 + (uint)a.Count);
        var frames = new List<byte[]>();

        FeedAll(reassembler, a.Concat(b), frames);

        Assert.Equal([first, second], frames);
    }

    [Fact]
    public void Duplicated_fragments_are_ignored()
    {
        var (jpeg, packets) = CapturedSizedFrame();
        var withDuplicates = new List<Packet>();
        foreach (var packet in packets.Take(packets.Count - 1))
        {
            withDuplicates.Add(packet);
            withDuplicates.Add(packet);
        }
        withDuplicates.Add(packets[^1]);
        withDuplicates.Add(packets[^1]);
        withDuplicates.Add(packets[3]);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        var statuses = FeedAll(reassembler, withDuplicates, frames);

        Assert.Equal(jpeg, Assert.Single(frames));
        Assert.Equal(packets.Count - 1 + 2, statuses.Count(s => s == ReassemblyStatus.Ignored));
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Fact]
    public void A_duplicate_with_different_bytes_keeps_the_first_copy()
    {
        var jpeg = JpegFrames.Jpeg(3500, 5);
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 1);
        Assert.Equal(4, packets.Count);
        var impostor = Packet.Video(V720MsgFlag.Middle, packets[1].PkgId, new byte[packets[1].Payload.Length]);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, [packets[0], packets[1], impostor, packets[2], packets[3]], frames);

        Assert.Equal(jpeg, Assert.Single(frames));
    }

    [Fact]
    public void Missing_middle_fragment_drops_the_frame_as_incomplete()
    {
        var (_, packets) = CapturedSizedFrame();
        packets.RemoveAt(10);
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, packets);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[^1]);
        Assert.All(statuses.Take(statuses.Count - 1), s => Assert.Equal(ReassemblyStatus.Pending, s));
        AssertCounters(reassembler, 0, 1, 0);
    }

    [Fact]
    public void Missing_first_fragment_counts_one_drop_and_the_next_frame_completes()
    {
        var (_, packets) = CapturedSizedFrame();
        var next = JpegFrames.Jpeg(4000, 9);
        var nextPackets = JpegFrames.Fragments(JpegFrames.WithTrailer(next), 2828);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        var statuses = FeedAll(reassembler, packets.Skip(1), frames);
        FeedAll(reassembler, nextPackets, frames);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[0]);
        Assert.All(statuses.Skip(1), s => Assert.Equal(ReassemblyStatus.Ignored, s));
        Assert.Equal(next, Assert.Single(frames));
        AssertCounters(reassembler, 1, 1, 0);
    }

    [Fact]
    public void A_lone_last_fragment_is_an_incomplete_frame()
    {
        var (_, packets) = CapturedSizedFrame();
        var reassembler = new JpegReassembler();

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, Feed(reassembler, packets[^1], out var frame));

        Assert.Null(frame);
        AssertCounters(reassembler, 0, 1, 0);
    }

    [Fact]
    public void New_first_fragment_before_the_last_drops_the_unfinished_frame()
    {
        var (_, packets) = CapturedSizedFrame();
        var next = JpegFrames.Jpeg(6000, 3);
        var nextPackets = JpegFrames.Fragments(JpegFrames.WithTrailer(next), 2840);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, packets.Take(12));
        var statuses = FeedAll(reassembler, nextPackets, frames);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[0]);
        Assert.Equal(ReassemblyStatus.Completed, statuses[^1]);
        Assert.Equal(next, Assert.Single(frames));
        AssertCounters(reassembler, 1, 1, 0);
    }

    [Fact]
    public void Last_fragment_before_a_middle_one_drops_the_frame_and_the_straggler_is_ignored()
    {
        var jpeg = JpegFrames.Jpeg(5000, 4);
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 50);
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, [packets[0], packets[1], packets[2], packets[4], packets[3]]);

        Assert.Equal(
            [ReassemblyStatus.Pending, ReassemblyStatus.Pending, ReassemblyStatus.Pending, ReassemblyStatus.DroppedIncomplete, ReassemblyStatus.Ignored],
            statuses);
        AssertCounters(reassembler, 0, 1, 0);
    }

    [Fact]
    public void First_fragment_arriving_after_a_middle_one_loses_the_frame()
    {
        var jpeg = JpegFrames.Jpeg(5000, 4);
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 50);
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, [packets[1], packets[0], packets[2], packets[3], packets[4]]);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[0]);
        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[^1]);
        Assert.Equal(0, reassembler.FramesCompleted);
    }

    [Fact]
    public void Retransmissions_after_completion_are_ignored()
    {
        var (jpeg, packets) = CapturedSizedFrame();
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();
        FeedAll(reassembler, packets, frames);

        var statuses = FeedAll(reassembler, [packets[0], packets[5], packets[^1]], frames);

        Assert.All(statuses, s => Assert.Equal(ReassemblyStatus.Ignored, s));
        Assert.Equal(jpeg, Assert.Single(frames));
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Fact]
    public void Trailer_length_mismatch_is_corrupt()
    {
        var jpeg = JpegFrames.Jpeg(25775, 1);
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg, declaredLength: 25776), 2802);
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, packets);

        Assert.Equal(ReassemblyStatus.DroppedCorrupt, statuses[^1]);
        AssertCounters(reassembler, 0, 0, 1);
    }

    [Fact]
    public void A_four_byte_trailer_is_corrupt()
    {
        // The bug the reference fixed: a trailer one byte shorter than the camera's.
        var jpeg = JpegFrames.Jpeg(3000, 1);
        var data = JpegFrames.WithTrailer(jpeg)[..^5].Concat(BitConverter.GetBytes((uint)jpeg.Length)).ToArray();
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, JpegFrames.Fragments(data, 7));

        Assert.Equal(ReassemblyStatus.DroppedCorrupt, statuses[^1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-2)]
    [InlineData(-1)]
    public void Missing_jpeg_markers_are_corrupt(int index)
    {
        var jpeg = JpegFrames.Jpeg(4000, 1);
        jpeg[index < 0 ? jpeg.Length + index : index] = 0x00;
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 1));

        Assert.Equal(ReassemblyStatus.DroppedCorrupt, statuses[^1]);
        AssertCounters(reassembler, 0, 0, 1);
    }

    [Fact]
    public void A_last_fragment_shorter_than_the_trailer_still_works()
    {
        var jpeg = JpegFrames.Jpeg(1004 * 2 - 3, 6);
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 1);
        Assert.Equal(2, packets[^1].Payload.Length);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, packets, frames);

        Assert.Equal(jpeg, Assert.Single(frames));
    }

    [Fact]
    public void Oversize_frame_is_dropped_at_once_and_its_remaining_fragments_ignored()
    {
        const int max = 8192;
        var big = JpegFrames.Jpeg(20000, 1);
        var small = JpegFrames.Jpeg(3000, 2);
        var bigPackets = JpegFrames.Fragments(JpegFrames.WithTrailer(big), 1);
        var smallPackets = JpegFrames.Fragments(JpegFrames.WithTrailer(small), 1 + (uint)bigPackets.Count);
        var reassembler = new JpegReassembler(max);
        var frames = new List<byte[]>();

        var statuses = FeedAll(reassembler, bigPackets);
        FeedAll(reassembler, smallPackets, frames);

        int overflowAt = max / JpegFrames.FragmentSize; // the 9th fragment takes it past 8192
        Assert.All(statuses.Take(overflowAt), s => Assert.Equal(ReassemblyStatus.Pending, s));
        Assert.Equal(ReassemblyStatus.DroppedCorrupt, statuses[overflowAt]);
        Assert.All(statuses.Skip(overflowAt + 1), s => Assert.Equal(ReassemblyStatus.Ignored, s));
        Assert.Equal(small, Assert.Single(frames));
        AssertCounters(reassembler, 1, 0, 1);
    }

    [Fact]
    public void Frame_of_exactly_the_maximum_completes_and_one_byte_more_does_not()
    {
        const int max = 10_000;
        var fits = JpegFrames.Jpeg(max - 5, 1);
        var tooBig = JpegFrames.Jpeg(max - 4, 2);
        var reassembler = new JpegReassembler(max);
        var frames = new List<byte[]>();
        var first = JpegFrames.Fragments(JpegFrames.WithTrailer(fits), 1);

        FeedAll(reassembler, first, frames);
        var statuses = FeedAll(reassembler, JpegFrames.Fragments(JpegFrames.WithTrailer(tooBig), 1 + (uint)first.Count));

        Assert.Equal(fits, Assert.Single(frames));
        Assert.Equal(ReassemblyStatus.DroppedCorrupt, statuses[^1]);
    }

    [Fact]
    public void Large_frames_grow_the_buffer()
    {
        var jpeg = JpegFrames.Jpeg(400_000, 8);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 1), frames);

        Assert.Equal(jpeg, Assert.Single(frames));
    }

    [Fact]
    public void Whole_frame_with_trailer_is_stripped()
    {
        var jpeg = JpegFrames.Jpeg(900, 1);
        var reassembler = new JpegReassembler();

        var status = Feed(reassembler, Packet.Video(V720MsgFlag.Whole, 5, JpegFrames.WithTrailer(jpeg)), out var frame);

        Assert.Equal(ReassemblyStatus.Completed, status);
        Assert.Equal(jpeg, frame);
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Fact]
    public void Whole_frame_without_trailer_is_taken_as_is()
    {
        var jpeg = JpegFrames.Jpeg(900, 1);
        var reassembler = new JpegReassembler();

        var status = Feed(reassembler, Packet.Video(V720MsgFlag.Whole, 5, jpeg), out var frame);

        Assert.Equal(ReassemblyStatus.Completed, status);
        Assert.Equal(jpeg, frame);
    }

    [Fact]
    public void Whole_frame_with_a_wrong_trailer_is_corrupt()
    {
        var jpeg = JpegFrames.Jpeg(900, 1);
        var reassembler = new JpegReassembler();

        var status = Feed(reassembler, Packet.Video(V720MsgFlag.Whole, 5, JpegFrames.WithTrailer(jpeg, 901)), out var frame);

        Assert.Equal(ReassemblyStatus.DroppedCorrupt, status);
        Assert.Null(frame);
        AssertCounters(reassembler, 0, 0, 1);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x00 })]
    public void Whole_frame_that_is_no_jpeg_is_corrupt(byte[] payload)
    {
        var reassembler = new JpegReassembler();

        Assert.Equal(ReassemblyStatus.DroppedCorrupt, Feed(reassembler, Packet.Video(V720MsgFlag.Whole, 5, payload), out _));
    }

    [Fact]
    public void Whole_frame_over_the_maximum_is_corrupt()
    {
        var reassembler = new JpegReassembler(1000);

        var status = Feed(reassembler, Packet.Video(V720MsgFlag.Whole, 5, JpegFrames.Jpeg(1001, 1)), out _);

        Assert.Equal(ReassemblyStatus.DroppedCorrupt, status);
    }

    [Fact]
    public void Whole_frame_interrupting_a_frame_counts_the_unfinished_one()
    {
        var (_, packets) = CapturedSizedFrame();
        var single = JpegFrames.Jpeg(500, 2);
        var reassembler = new JpegReassembler();
        FeedAll(reassembler, packets.Take(5));

        var status = Feed(reassembler, Packet.Video(V720MsgFlag.Whole, 2807, JpegFrames.WithTrailer(single)), out var frame);

        Assert.Equal(ReassemblyStatus.Completed, status);
        Assert.Equal(single, frame);
        AssertCounters(reassembler, 1, 1, 0);
    }

    [Fact]
    public void Duplicate_whole_frame_is_ignored()
    {
        var packet = Packet.Video(V720MsgFlag.Whole, 77, JpegFrames.Jpeg(500, 2));
        var reassembler = new JpegReassembler();

        Assert.Equal(ReassemblyStatus.Completed, Feed(reassembler, packet, out _));
        Assert.Equal(ReassemblyStatus.Ignored, Feed(reassembler, packet, out _));
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Theory]
    [InlineData(V720Cmd.Json, V720MsgFlag.First)]
    [InlineData(V720Cmd.Heartbeat, 0)]
    [InlineData(V720Cmd.G711ALaw, V720MsgFlag.Whole)]
    [InlineData(V720Cmd.Pcm, V720MsgFlag.First)]
    [InlineData(V720Cmd.RetransmissionConfirm, 0)]
    [InlineData(V720Cmd.Jpeg, 0)]
    [InlineData(V720Cmd.Jpeg, 253)]
    public void Other_cmds_and_unknown_flags_are_ignored(ushort cmd, byte flag)
    {
        var reassembler = new JpegReassembler();
        var payload = JpegFrames.WithTrailer(JpegFrames.Jpeg(500, 1));

        var status = reassembler.Accept(new V720Header((uint)payload.Length, cmd, flag, 0, 0, 9), payload, out var frame);

        Assert.Equal(ReassemblyStatus.Ignored, status);
        Assert.Null(frame);
        AssertCounters(reassembler, 0, 0, 0);
    }

    [Theory]
    [InlineData(V720Cmd.G711ALaw)]
    [InlineData(V720Cmd.Pcm)]
    public void Audio_sharing_the_pkg_id_counter_is_not_a_gap(ushort audioCmd)
    {
        var jpeg = JpegFrames.Jpeg(5000, 3);
        var video = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 0);
        var interleaved = new List<Packet>();
        uint id = 100;
        foreach (var fragment in video)
        {
            interleaved.Add(fragment with { Header = fragment.Header with { PkgId = id++ } });
            if (fragment.Header.MsgFlag != V720MsgFlag.Last)
            {
                interleaved.Add(Packet.Audio(audioCmd, id++));
            }
        }
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, interleaved, frames);

        Assert.Equal(jpeg, Assert.Single(frames));
    }

    [Fact]
    public void Gaps_not_covered_by_audio_still_drop_the_frame()
    {
        var video = JpegFrames.Fragments(JpegFrames.WithTrailer(JpegFrames.Jpeg(5000, 3)), 0);
        var spaced = video.Select((p, i) => p with { Header = p.Header with { PkgId = 100 + 2 * (uint)i } });
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, spaced);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[^1]);
    }

    [Fact]
    public void Audio_with_its_own_counter_colliding_with_video_ids_is_harmless()
    {
        var jpeg = JpegFrames.Jpeg(5000, 3);
        var video = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), 100);
        var mixed = new List<Packet>();
        foreach (var fragment in video)
        {
            mixed.Add(Packet.Audio(V720Cmd.Pcm, fragment.PkgId + 1));
            mixed.Add(fragment);
        }
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, mixed, frames);

        Assert.Equal(jpeg, Assert.Single(frames));
    }

    [Theory]
    [InlineData(uint.MaxValue - 3)]
    [InlineData(uint.MaxValue)]
    [InlineData(0u)]
    public void Pkg_ids_wrapping_around_are_contiguous(uint firstId)
    {
        var jpeg = JpegFrames.Jpeg(9000, 11);
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), firstId);
        (packets[2], packets[5]) = (packets[5], packets[2]);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        FeedAll(reassembler, packets, frames);

        Assert.Equal(jpeg, Assert.Single(frames));
    }

    [Fact]
    public void A_fragment_far_beyond_the_frame_drops_it()
    {
        var packets = JpegFrames.Fragments(JpegFrames.WithTrailer(JpegFrames.Jpeg(5000, 3)), 100);
        var reassembler = new JpegReassembler();

        var statuses = FeedAll(reassembler, [packets[0], packets[1] with { Header = packets[1].Header with { PkgId = 100_000 } }]);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[1]);
        AssertCounters(reassembler, 0, 1, 0);
    }

    [Fact]
    public void A_last_fragment_far_beyond_the_frame_does_not_hide_later_frames()
    {
        var first = JpegFrames.Fragments(JpegFrames.WithTrailer(JpegFrames.Jpeg(5000, 3)), 100);
        var next = JpegFrames.Jpeg(3000, 4);
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();

        var statuses = FeedAll(reassembler, [first[0], first[^1] with { Header = first[^1].Header with { PkgId = 1_000_000 } }]);
        FeedAll(reassembler, JpegFrames.Fragments(JpegFrames.WithTrailer(next), 200), frames);

        Assert.Equal(ReassemblyStatus.DroppedIncomplete, statuses[1]);
        Assert.Equal(next, Assert.Single(frames));
    }

    [Fact]
    public void Reset_forgets_the_frame_without_counting_a_drop()
    {
        var (jpeg, packets) = CapturedSizedFrame();
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();
        FeedAll(reassembler, packets.Take(10));

        reassembler.Reset();
        FeedAll(reassembler, packets, frames);

        Assert.Equal(jpeg, Assert.Single(frames));
        AssertCounters(reassembler, 1, 0, 0);
    }

    [Fact]
    public void Reset_forgets_the_last_frame_so_a_restarted_counter_is_not_taken_for_retransmissions()
    {
        var (jpeg, packets) = CapturedSizedFrame();
        var reassembler = new JpegReassembler();
        var frames = new List<byte[]>();
        FeedAll(reassembler, packets, frames);

        reassembler.Reset();
        FeedAll(reassembler, packets, frames);

        Assert.Equal([jpeg, jpeg], frames);
    }

    [Fact]
    public void Steady_state_allocates_little_more_than_the_frames_handed_out()
    {
        var reassembler = new JpegReassembler();
        var jpegs = Enumerable.Range(0, 11).Select(i => JpegFrames.Jpeg(25_775, i)).ToList();
        var packets = new List<List<Packet>>();
        uint id = 1;
        foreach (var jpeg in jpegs)
        {
            packets.Add(JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), id));
            id += (uint)packets[^1].Count;
        }
        FeedAllWithoutChecks(reassembler, packets[0]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < packets.Count; i++)
        {
            FeedAllWithoutChecks(reassembler, packets[i]);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(11, reassembler.FramesCompleted);
        long handedOut = 10L * 25_775;
        Assert.True(allocated < handedOut + 10 * 256, $"allocated {allocated} bytes for {handedOut} bytes of frames");
    }

    private static void FeedAllWithoutChecks(JpegReassembler reassembler, List<Packet> packets)
    {
        foreach (var packet in packets)
        {
            reassembler.Accept(packet.Header, packet.Payload, out _);
        }
    }

    [Fact]
    public void Maximum_below_the_smallest_frame_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JpegReassembler(8));
    }

    [Fact]
    public void Lossy_network_never_yields_a_wrong_frame_and_loses_none_that_could_be_rebuilt()
    {
        var random = new Random(2827);
        var reassembler = new JpegReassembler();
        uint nextId = 1;
        int expectedAtLeast = 0;
        int completed = 0;
        for (int f = 0; f < 400; f++)
        {
            bool whole = random.Next(8) == 0;
            var jpeg = JpegFrames.Jpeg(whole ? random.Next(10, 1000) : random.Next(1000, 30_000), f);
            var packets = whole
                ? [Packet.Video(V720MsgFlag.Whole, nextId, random.Next(2) == 0 ? jpeg : JpegFrames.WithTrailer(jpeg))]
                : JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), nextId);
            nextId += (uint)packets.Count;

            var delivered = Impair(packets, random);
            if (CanBeRebuilt(packets, delivered))
            {
                expectedAtLeast++;
            }

            int completedThisFrame = 0;
            foreach (var packet in delivered)
            {
                if (Feed(reassembler, packet, out var frame) == ReassemblyStatus.Completed)
                {
                    Assert.Equal(jpeg, frame);
                    completedThisFrame++;
                }
            }
            Assert.True(completedThisFrame <= 1);
            Assert.True(completedThisFrame == 1 || !CanBeRebuilt(packets, delivered), $"frame {f} was rebuildable");
            completed += completedThisFrame;
        }

        Assert.Equal(completed, reassembler.FramesCompleted);
        Assert.True(completed >= expectedAtLeast);
        Assert.True(reassembler.FramesDroppedIncomplete > 0);
        Assert.Equal(0, reassembler.FramesDroppedCorrupt);
    }

    private static List<Packet> Impair(List<Packet> packets, Random random)
    {
        var delivered = new List<Packet>();
        foreach (var packet in packets)
        {
            if (random.Next(100) < 3)
            {
                continue;
            }
            delivered.Add(packet);
            if (random.Next(100) < 5)
            {
                delivered.Add(packet);
            }
        }
        for (int i = 0; i + 1 < delivered.Count; i++)
        {
            if (random.Next(100) < 5)
            {
                (delivered[i], delivered[i + 1]) = (delivered[i + 1], delivered[i]);
            }
        }
        return delivered;
    }

    /// <summary>The rules promise a frame when all ids arrived, the first one first and the last after all others.</summary>
    private static bool CanBeRebuilt(List<Packet> sent, List<Packet> delivered)
    {
        if (delivered.Count == 0 || delivered[0].PkgId != sent[0].PkgId)
        {
            return false;
        }
        var firstSeen = new Dictionary<uint, int>();
        for (int i = 0; i < delivered.Count; i++)
        {
            firstSeen.TryAdd(delivered[i].PkgId, i);
        }
        return firstSeen.Count == sent.Count && firstSeen.Values.Max() == firstSeen[sent[^1].PkgId];
    }

    [Fact]
    public void Seeded_garbage_never_throws_and_every_frame_is_a_bounded_jpeg()
    {
        const int max = 16 * 1024;
        var random = new Random(605);
        var reassembler = new JpegReassembler(max);
        ushort[] cmds = [V720Cmd.Jpeg, V720Cmd.Jpeg, V720Cmd.Jpeg, V720Cmd.G711ALaw, V720Cmd.Pcm, V720Cmd.Json];
        byte[] flags = [V720MsgFlag.First, V720MsgFlag.Middle, V720MsgFlag.Middle, V720MsgFlag.Last, V720MsgFlag.Whole, 0, 253];
        uint baseId = uint.MaxValue - 5000;
        long completed = 0, corrupt = 0, incomplete = 0;

        var valid = new List<Packet>();
        for (int i = 0; i < 60_000; i++)
        {
            // Now and then a real frame, so that completion is exercised amid the garbage.
            if (valid.Count == 0 && random.Next(300) == 0)
            {
                var jpeg = JpegFrames.Jpeg(random.Next(4, 6000), i);
                valid = JpegFrames.Fragments(JpegFrames.WithTrailer(jpeg), baseId + 100, random.Next(1, 1200));
                baseId += 100 + (uint)valid.Count;
            }
            if (valid.Count > 0 && random.Next(4) != 0)
            {
                var next = valid[0];
                valid.RemoveAt(0);
                Check(reassembler.Accept(next.Header, next.Payload, out var validFrame), validFrame);
                continue;
            }

            baseId += (uint)random.Next(0, 3);
            uint id = random.Next(50) == 0 ? (uint)random.NextInt64(0, uint.MaxValue) : baseId + (uint)random.Next(-20, 40);
            var payload = new byte[random.Next(50) == 0 ? random.Next(0, 9000) : random.Next(0, 1100)];
            random.NextBytes(payload);
            switch (random.Next(6))
            {
                case 0 when payload.Length >= 4:
                    payload[0] = 0xFF;
                    payload[1] = 0xD8;
                    break;
                case 1 when payload.Length >= 7:
                    payload[^7] = 0xFF;
                    payload[^6] = 0xD9;
                    BitConverter.TryWriteBytes(payload.AsSpan(payload.Length - 4), (uint)random.Next(0, 20_000));
                    break;
                case 2 when payload.Length >= 2:
                    payload[^2] = 0xFF;
                    payload[^1] = 0xD9;
                    break;
            }
            var header = new V720Header((uint)payload.Length, cmds[random.Next(cmds.Length)], flags[random.Next(flags.Length)], 0, 0, id);

            Check(reassembler.Accept(header, payload, out var frame), frame);
            if (random.Next(5000) == 0)
            {
                reassembler.Reset();
            }
        }

        Assert.Equal(completed, reassembler.FramesCompleted);
        Assert.Equal(corrupt, reassembler.FramesDroppedCorrupt);
        Assert.True(reassembler.FramesDroppedIncomplete >= incomplete);
        Assert.True(completed > 0 && corrupt > 0 && incomplete > 0);

        void Check(ReassemblyStatus status, byte[]? frame)
        {
            switch (status)
            {
                case ReassemblyStatus.Completed:
                    completed++;
                    Assert.NotNull(frame);
                    Assert.True(frame.Length >= 4 && frame.Length <= max);
                    Assert.Equal([0xFF, 0xD8], frame[..2]);
                    Assert.Equal([0xFF, 0xD9], frame[^2..]);
                    break;
                case ReassemblyStatus.DroppedCorrupt:
                    corrupt++;
                    Assert.Null(frame);
                    break;
                case ReassemblyStatus.DroppedIncomplete:
                    incomplete++;
                    Assert.Null(frame);
                    break;
                default:
                    Assert.Null(frame);
                    break;
            }
        }
    }
}
