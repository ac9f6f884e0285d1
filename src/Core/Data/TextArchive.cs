namespace GradientService.Core.Data;

/// <summary>
/// The shipped novel (Text/LICENSE.md: Austen's Pride and Prejudice, public domain), read once per process from the
/// assembly's gzip-compressed resource. Printable ASCII and newlines.
/// </summary>
internal static class TextArchive
{
    private const string Resource = "pride-and-prejudice.txt.gz";

    private static readonly Lazy<(byte[] Codes, string Vocabulary)> Contents = new(Load);

    /// <summary>The distinct characters of the text in ordinal order: a character's index is its class and its one-hot position.</summary>
    public static string Vocabulary => Contents.Value.Vocabulary;

    /// <summary>[characters of the text] each character as its index in <see cref="Vocabulary"/>.</summary>
    public static byte[] Codes => Contents.Value.Codes;

    private static (byte[], string) Load()
    {
        var text = GzipResource.Read($"Text.{Resource}");
        var seen = new bool[128];
        foreach (var b in text)
        {
            if (b >= seen.Length) throw new InvalidDataException($"{Resource}: byte {b} is not ASCII.");
            seen[b] = true;
        }
        var vocabulary = string.Concat(Enumerable.Range(0, seen.Length).Where(b => seen[b]).Select(b => (char)b));
        var indexOf = new byte[seen.Length];
        for (var i = 0; i < vocabulary.Length; i++) indexOf[vocabulary[i]] = (byte)i;
        var codes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++) codes[i] = indexOf[text[i]];
        return (codes, vocabulary);
    }
}
