namespace AdvisorBot.Protocol;

/// <summary>
/// JSON text may escape half a character (<c>"\ud800"</c>): valid JSON, but no valid text, and anything that writes
/// it again fails. At the door every such lone surrogate escape becomes <c>\ufffd</c> (the replacement character),
/// so odd input is normalised, never fatal; escaped pairs (emoji) stay as they are.
/// </summary>
public static class JsonEscapes
{
    /// <summary>Repairs <paramref name="json"/> in place (the replacement has the same length); true when anything changed.</summary>
    public static bool RepairLoneSurrogates(Span<byte> json)
    {
        var changed = false;
        for (var i = 0; i + 5 < json.Length; i++)
        {
            if (json[i] != '\\')
            {
                continue;
            }

            if (json[i + 1] != 'u')
            {
                i++; // an escaped character, e.g. \\ : skip it whole
                continue;
            }

            var unit = Hex(json.Slice(i + 2, 4));
            if (unit is >= 0xD800 and <= 0xDBFF && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u'
                && Hex(json.Slice(i + 8, 4)) is >= 0xDC00 and <= 0xDFFF)
            {
                i += 11; // a pair: one character
            }
            else if (unit is >= 0xD800 and <= 0xDFFF)
            {
                "fffd"u8.CopyTo(json.Slice(i + 2, 4));
                changed = true;
                i += 5;
            }
            else
            {
                i += 5;
            }
        }

        return changed;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
        {
            var v = d switch
            {
                >= (byte)'0' and <= (byte)'9' => d - '0',
                >= (byte)'a' and <= (byte)'f' => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => d - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                return -1;
            }

            value = (value << 4) | v;
        }

        return value;
    }
}
