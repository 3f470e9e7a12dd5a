using System.Globalization;
using System.Reflection;
using System.Text;

namespace Trinity.Tokenization.Normalization;

/// <summary>Canonical Unicode normalization (NFC, NFD) in managed code. The processes run with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> has no ICU behind it and returns its input
/// unchanged; Qwen2's tokenizer.json asks for NFC, so decomposed input ("e" + U+0301) must still compose to "é"
/// to get Hugging Face's ids. Tables come from NfcData.txt (see generate-nfc-data.py).</summary>
internal static class UnicodeNormalizer
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;
    private const string ResourceName = "Trinity.Tokenization.Normalization.NfcData.txt";

    private static readonly Lazy<NormalizationTables> Tables = new(Load);

    public static string ToNfc(string text) => IsTrivial(text) ? text : Normalize(text, compose: true);

    public static string ToNfd(string text) => IsTrivial(text) ? text : Normalize(text, compose: false);

    /// <summary>Text below U+0300 has no decomposable or combining characters: already NFC and NFD.</summary>
    private static bool IsTrivial(string text)
    {
        foreach (var c in text)
        {
            if (c >= '\u0300')
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalize(string text, bool compose)
    {
        var tables = Tables.Value;
        var code = new List<int>(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            Decompose(rune.Value, code, tables);
        }

        Reorder(code, tables);
        if (compose)
        {
            Compose(code, tables);
        }

        var builder = new StringBuilder(code.Count);
        foreach (var value in code)
        {
            builder.Append(new Rune(value).ToString());
        }

        return builder.ToString();
    }

    private static void Decompose(int value, List<int> output, NormalizationTables tables)
    {
        if (value is >= SBase and < SBase + SCount)
        {
            var index = value - SBase;
            output.Add(LBase + (index / NCount));
            output.Add(VBase + (index % NCount / TCount));
            if (index % TCount != 0)
            {
                output.Add(TBase + (index % TCount));
            }

            return;
        }

        if (tables.Decompositions.TryGetValue(value, out var parts))
        {
            foreach (var part in parts)
            {
                Decompose(part, output, tables);
            }

            return;
        }

        output.Add(value);
    }

    /// <summary>Canonical ordering: a stable sort of each run of combining marks by combining class.</summary>
    private static void Reorder(List<int> code, NormalizationTables tables)
    {
        for (var i = 1; i < code.Count; i++)
        {
            var cc = tables.Class(code[i]);
            var j = i;
            while (cc != 0 && j > 0 && tables.Class(code[j - 1]) > cc)
            {
                (code[j - 1], code[j]) = (code[j], code[j - 1]);
                j--;
            }
        }
    }

    /// <summary>Canonical composition: each character joins the last starter unless a mark of equal or higher class
    /// (or another starter) stands between them.</summary>
    private static void Compose(List<int> code, NormalizationTables tables)
    {
        if (code.Count == 0)
        {
            return;
        }

        var starter = 0;
        var lastClass = tables.Class(code[0]) == 0 ? 0 : 256;
        var written = 1;
        for (var i = 1; i < code.Count; i++)
        {
            var value = code[i];
            var cc = tables.Class(value);
            if ((lastClass < cc || lastClass == 0) && TryCompose(code[starter], value, tables, out var composite))
            {
                code[starter] = composite;
                continue;
            }

            if (cc == 0)
            {
                starter = written;
            }

            lastClass = cc;
            code[written++] = value;
        }

        code.RemoveRange(written, code.Count - written);
    }

    private static bool TryCompose(int first, int second, NormalizationTables tables, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + (((first - LBase) * VCount) + (second - VBase)) * TCount;
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return tables.Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static NormalizationTables Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var tables = new NormalizationTables();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ');
            var numbers = fields.Skip(1).Select(f => int.Parse(f, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            switch (fields[0])
            {
                case "C":
                    for (var value = numbers[0]; value <= numbers[1]; value++)
                    {
                        // The class is the one decimal field.
                        tables.Classes[value] = (byte)int.Parse(fields[3], CultureInfo.InvariantCulture);
                    }

                    break;
                case "D":
                    tables.Decompositions[numbers[0]] = numbers[1..];
                    break;
                case "P":
                    tables.Compositions[((long)numbers[0] << 21) | (uint)numbers[1]] = numbers[2];
                    break;
            }
        }

        return tables;
    }
}
