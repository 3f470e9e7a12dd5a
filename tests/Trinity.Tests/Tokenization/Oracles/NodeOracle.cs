using System.Text.Json;

namespace Trinity.Tests.Tokenization.Oracles;

/// <summary>Runs the oracle encoders in one <c>node</c> process: tiktoken (Rust compiled to WebAssembly) for
/// cl100k_base, o200k_base, r50k_base and cl100k's ranks under Qwen2's single-digit pattern, and gpt-3-encoder (GPT-2's
/// original algorithm with a JavaScript regex). Strings travel as JSON on stdin; ids come back as JSON on stdout.</summary>
internal static class NodeOracle
{
    // Our own small driver for the two packages' public APIs.
    private const string Script = """
        'use strict';
        const path = require('path');
        const [tiktokenDir, gpt3Dir] = process.argv.slice(2);
        let input = '';
        process.stdin.setEncoding('utf8');
        process.stdin.on('data', chunk => { input += chunk; });
        process.stdin.on('end', () => {
          const request = JSON.parse(input);
          const tiktoken = require(path.join(tiktokenDir, 'tiktoken.cjs'));
          const gpt3 = require(path.join(gpt3Dir, 'Encoder.js'));
          const cl100kData = require(path.join(tiktokenDir, 'encoders', 'cl100k_base.json'));
          const encoders = {
            cl100k_base: tiktoken.get_encoding('cl100k_base'),
            o200k_base: tiktoken.get_encoding('o200k_base'),
            r50k_base: tiktoken.get_encoding('r50k_base'),
            qwen2_on_cl100k: new tiktoken.Tiktoken(cl100kData.bpe_ranks, cl100kData.special_tokens, request.qwen2Pattern),
          };
          const result = {};
          for (const [name, encoder] of Object.entries(encoders)) {
            result[name] = request.strings.map(s => Array.from(encoder.encode(s, 'all')));
            encoder.free();
          }
          result.gpt3_encoder = request.strings.map(s => gpt3.encode(s));
          result.nfc = request.decomposed.map(s => Array.from(s.normalize('NFC')).map(c => c.codePointAt(0)));
          result.nfd = request.decomposed.map(s => Array.from(s.normalize('NFD')).map(c => c.codePointAt(0)));
          const cl100k = tiktoken.get_encoding('cl100k_base');
          result.cl100k_after_nfc = request.decomposed.map(s => Array.from(cl100k.encode(s.normalize('NFC'), 'all')));
          cl100k.free();
          process.stdout.write(JSON.stringify(result));
        });
        """;

    /// <summary>Encodes every string with every oracle (keys cl100k_base, o200k_base, r50k_base, qwen2_on_cl100k,
    /// gpt3_encoder), and gives JavaScript's NFC and NFD of <paramref name="decomposed"/> as code points (keys nfc,
    /// nfd) and cl100k's ids for their NFC forms (key cl100k_after_nfc).</summary>
    public static Dictionary<string, int[][]> EncodeAll(
        string tiktokenDir, string gpt3EncoderDir, IReadOnlyList<string> strings, IReadOnlyList<string> decomposed, string qwen2Pattern)
    {
        var request = JsonSerializer.Serialize(new { strings, decomposed, qwen2Pattern });
        var scriptPath = Path.Combine(OraclePackages.CacheRoot, "oracle-driver.js");
        var temporary = $"{scriptPath}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, Script);
        File.Move(temporary, scriptPath, overwrite: true);
        var output = OraclePackages.Run("node", $"\"{scriptPath}\" \"{tiktokenDir}\" \"{gpt3EncoderDir}\"", OraclePackages.CacheRoot, request);
        return JsonSerializer.Deserialize<Dictionary<string, int[][]>>(output)
            ?? throw new InvalidOperationException("The node oracle returned nothing.");
    }
}
