using System.Text.Json;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Runs Hugging Face's tokenizers library (the npm package's Rust binary) in one <c>node</c> process over
/// several tokenizer.json files: for each file and string, the ids with and without the post-processor's special
/// tokens, and the decoded text of the former with special tokens skipped and kept; and the decoded text of given id
/// lists (ids no encoder produces, such as invalid byte-fallback runs).</summary>
internal static class HuggingFaceTokenizersOracle
{
    // Our own small driver for the package's public API.
    private const string Script = """
        'use strict';
        const path = require('path');
        const { Tokenizer } = require(path.join(process.argv[2], 'index.js'));
        let input = '';
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', chunk => { input += chunk; });
        process.stdin.on('end', async () => {
          const request = JSON.parse(input);
          const result = {};
          for (const file of request.files) {
            const tokenizer = Tokenizer.fromFile(file);
            const entry = { withSpecial: [], plain: [], skipped: [], kept: [], idsSkipped: [], idsKept: [] };
            for (const s of request.strings) {
              const ids = (await tokenizer.encode(s, null, { addSpecialTokens: true })).getIds();
              entry.withSpecial.push(ids);
              entry.plain.push((await tokenizer.encode(s, null, { addSpecialTokens: false })).getIds());
              entry.skipped.push(await tokenizer.decode(ids, true));
              entry.kept.push(await tokenizer.decode(ids, false));
            }
            for (const ids of request.idLists) {
              entry.idsSkipped.push(await tokenizer.decode(ids, true));
              entry.idsKept.push(await tokenizer.decode(ids, false));
            }
            result[file] = entry;
          }
          process.stdout.write(JSON.stringify(result));
        });
        """;

    /// <summary>One tokenizer.json's answers, one entry per string.</summary>
    public sealed record Answers(int[][] WithSpecial, int[][] Plain, string[] Skipped, string[] Kept, string[] IdsSkipped, string[] IdsKept);

    /// <summary>Encodes and decodes every string with every file (keys: the file paths).</summary>
    public static Dictionary<string, Answers> Run(
        string packageDir, IReadOnlyList<string> tokenizerFiles, IReadOnlyList<string> strings, IReadOnlyList<int[]> idLists)
    {
        var request = JsonSerializer.Serialize(new { files = tokenizerFiles, strings, idLists });
        var scriptPath = Path.Combine(OraclePackages.CacheRoot, "tokenizers-driver.js");
        var temporary = $"{scriptPath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, Script);
        File.Move(temporary, scriptPath, overwrite: true);
        var output = OraclePackages.Run("node", $"\"{scriptPath}\" \"{packageDir}\"", OraclePackages.CacheRoot, request);
        using var document = JsonDocument.Parse(output);
        var result = new Dictionary<string, Answers>(StringComparer.Ordinal);
        foreach (var file in document.RootElement.EnumerateObject())
        {
            result[file.Name] = new Answers(
                Ids(file.Value.GetProperty("withSpecial")),
                Ids(file.Value.GetProperty("plain")),
                Texts(file.Value.GetProperty("skipped")),
                Texts(file.Value.GetProperty("kept")),
                Texts(file.Value.GetProperty("idsSkipped")),
                Texts(file.Value.GetProperty("idsKept")));
        }

        return result;
    }

    private static int[][] Ids(JsonElement array) =>
        [.. array.EnumerateArray().Select(ids => ids.EnumerateArray().Select(id => id.GetInt32()).ToArray())];

    private static string[] Texts(JsonElement array) => [.. array.EnumerateArray().Select(text => text.GetString()!)];
}
