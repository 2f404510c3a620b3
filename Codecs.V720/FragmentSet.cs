namespace CameraCloud.Codecs.V720;

/// <summary>
/// The pkg ids seen for the frame in progress, as bitmaps over a fixed window that starts at the
/// 250's id, plus the list of video fragments. Ids are compared relative to the first one, so a
/// u32 counter that wraps around is handled.
/// </summary>
/// <remarks>
/// Audio packets are kept in their own bitmap because it is not known whether the camera numbers
/// audio and video with one counter (spec §6.2, §12). If it does, audio ids interleaved with a
/// frame's fragments must not count as gaps; if it does not, an audio id equal to a video id must
/// not count as a duplicate. Keeping both bitmaps makes either case work.
/// </remarks>
internal sealed class FragmentSet
{
    /// <summary>The most pkg ids one frame may span (512 KiB in 1004-byte fragments is 523).</summary>
    public const int Window = 4096;

    private const int Words = Window / 64;

    private readonly ulong[] _video = new ulong[Words];
    private readonly ulong[] _audio = new ulong[Words];
    private JpegFragment[] _fragments = new JpegFragment[64];
    private int _count;
    private int _maxVideoRel;
    private bool _ordered;

    public uint FirstId { get; private set; }

    /// <summary>True while video fragments arrived with rising ids, so the bytes are already in order.</summary>
    public bool IsOrdered => _ordered;

    public void Start(uint firstId)
    {
        Array.Clear(_video);
        Array.Clear(_audio);
        _count = 0;
        _maxVideoRel = -1;
        _ordered = true;
        FirstId = firstId;
    }

    public FragmentPlacement Locate(uint pkgId, out int rel)
    {
        uint ahead = pkgId - FirstId;
        if (ahead < Window)
        {
            rel = (int)ahead;
            return FragmentPlacement.InWindow;
        }

        rel = -1;
        uint behind = FirstId - pkgId;
        return behind <= Window ? FragmentPlacement.Stale : FragmentPlacement.Beyond;
    }

    public bool HasVideo(int rel) => (_video[rel >> 6] & (1UL << rel)) != 0;

    public void AddVideo(int rel, int offset, int length)
    {
        _video[rel >> 6] |= 1UL << rel;
        if (_count == _fragments.Length)
        {
            Array.Resize(ref _fragments, Math.Min(_fragments.Length * 2, Window));
        }
        _fragments[_count++] = new JpegFragment(rel, offset, length);
        if (rel < _maxVideoRel)
        {
            _ordered = false;
        }
        else
        {
            _maxVideoRel = rel;
        }
    }

    public void NoteAudio(uint pkgId)
    {
        if (Locate(pkgId, out int rel) == FragmentPlacement.InWindow)
        {
            _audio[rel >> 6] |= 1UL << rel;
        }
    }

    /// <summary>
    /// True when the last video fragment is <paramref name="lastRel"/> and every id from the first
    /// to it was seen (as video, or as audio sharing the counter).
    /// </summary>
    public bool IsComplete(int lastRel)
    {
        if (_maxVideoRel != lastRel)
        {
            return false;
        }

        int fullWords = (lastRel + 1) >> 6;
        for (int i = 0; i < fullWords; i++)
        {
            if ((_video[i] | _audio[i]) != ulong.MaxValue)
            {
                return false;
            }
        }

        int tailBits = (lastRel + 1) & 63;
        if (tailBits == 0)
        {
            return true;
        }
        ulong mask = (1UL << tailBits) - 1;
        return ((_video[fullWords] | _audio[fullWords]) & mask) == mask;
    }

    /// <summary>The video fragments sorted by pkg id (their offsets still point at arrival order).</summary>
    public ReadOnlySpan<JpegFragment> Sorted()
    {
        var span = _fragments.AsSpan(0, _count);
        if (!_ordered)
        {
            span.Sort(static (a, b) => a.Rel.CompareTo(b.Rel));
        }
        return span;
    }
}
