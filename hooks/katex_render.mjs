// Render a batch of formulas with KaTeX, the same engine the site ships.
// stdin: JSON [{"tex": "...", "display": true}, ...]
// stdout: JSON [{"html": "..."} | {"error": "KaTeX's message"}, ...]
import katex from "katex";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const jobs = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = jobs.map(({ tex, display }) => {
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: "error",
      trust: false,
      output: "htmlAndMathml",
    });
    return { html };
  } catch (err) {
    return { error: err instanceof katex.ParseError ? err.message : String(err) };
  }
});
process.stdout.write(JSON.stringify(results));
