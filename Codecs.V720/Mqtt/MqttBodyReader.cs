using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>Reads the fields of one packet body; every method fails instead of reading past the end.</summary>
internal ref struct MqttBodyReader(ReadOnlySpan<byte> body)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly bool AtEnd => _position == _body.Length;

    public readonly ReadOnlySpan<byte> Rest => _body[_position..];

    public bool TryReadByte(out byte value)
    {
        if (_position >= _body.Length)
        {
            value = 0;
            return false;
        }
        value = _body[_position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (_body.Length - _position < 2)
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(_body[_position..]);
        _position += 2;
        return true;
    }

    /// <summary>u16 BE length + bytes.</summary>
    public bool TryReadBinary(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadUInt16(out ushort length) || _body.Length - _position < length)
        {
            return false;
        }
        value = _body.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>A UTF-8 string: well-formed and without U+0000 (MQTT 3.1.1 §1.5.3).</summary>
    public bool TryReadString(out string value)
    {
        value = "";
        if (!TryReadBinary(out var bytes) || !Utf8.IsValid(bytes) || bytes.Contains((byte)0))
        {
            return false;
        }
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
