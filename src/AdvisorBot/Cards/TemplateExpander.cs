using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>A template that cannot be expanded with the data given; names the template path and the binding.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message) : base(message) { }

    public TemplateException() { }

    public TemplateException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// Expands Adaptive Card templates (the Adaptive Cards Templating language, the subset the cards/ templates use) with
/// the semantics of <c>adaptivecards-templating</c>: a string that is exactly one <c>${…}</c> keeps the JSON type of
/// its value; <c>$data</c> on an element scopes it, and an array repeats it (an empty array removes it);
/// <c>$when</c> keeps the element only when it is <c>true</c>; <c>$root</c>, <c>$data</c> and <c>$index</c> work as
/// there. Stricter than the JS library where it is sloppy: a binding to a missing property, a non-boolean
/// <c>$when</c>, or null inside text is an error naming the template path, never literal <c>${x}</c> in a card.
/// Expressions: property paths (<c>a.b</c>, <c>a[0]</c>), literals, <c>! &amp;&amp; || == != &lt; &lt;= &gt; &gt;=</c>, and the
/// functions <c>count</c>, <c>length</c>, <c>empty</c>, <c>exists</c>, <c>not</c>, <c>if</c>, <c>string</c>, <c>concat</c>.
/// A template is compiled once (<see cref="Compile"/>): bindings become closures, so an expansion only evaluates.
/// </summary>
public static partial class TemplateExpander
{
    /// <summary>Compiles and expands in one go (tests and tools; the renderer keeps compiled templates).</summary>
    public static JsonObject Expand(JsonObject template, JsonNode data) => Compile(template).Expand(data);

    public static CompiledTemplate Compile(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new CompiledTemplate(CompileNode(template, "$"));
    }

    public sealed class CompiledTemplate
    {
        private readonly Node _root;

        internal CompiledTemplate(Node root) => _root = root;

        /// <summary>
        /// Expands the template straight into UTF-8 JSON and hands it back as a lazily read node: serialising it again
        /// writes those bytes, so a card costs one pass of writing instead of a tree of objects.
        /// </summary>
        public JsonObject Expand(JsonNode data)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                var written = _root.Write(new Scope(data, data, 0), writer);
                writer.Flush();
                if (written != 1)
                {
                    throw new TemplateException("The template's root must expand to exactly one object.");
                }
            }

            return JsonNode.Parse(buffer.WrittenSpan) as JsonObject
                ?? throw new TemplateException("The template's root must expand to exactly one object.");
        }
    }

    internal sealed record Scope(JsonNode? Root, JsonNode? Data, int Index);

    internal delegate JsonNode? Expression(Scope scope);

    /// <summary>A compiled piece of template that writes zero or more JSON values.</summary>
    internal abstract class Node
    {
        /// <summary>Writes this piece; returns how many values it wrote (0 when dropped, n when repeated).</summary>
        public abstract int Write(Scope scope, Utf8JsonWriter writer);

        /// <summary>How many values <see cref="Write"/> would write, decided before a property name is written.</summary>
        public virtual int Count(Scope scope) => 1;
    }

    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Node CompileNode(JsonNode? node, string path) => node switch
    {
        JsonObject obj => CompileObject(obj, path),
        JsonArray array => new ArrayNode([.. array.Select((item, i) => CompileNode(item, $"{path}[{i}]"))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>(), path),
        _ => new LiteralNode(node),
    };

    private static Node CompileObject(JsonObject obj, string path)
    {
        Node? data = obj.TryGetPropertyValue("$data", out var dataBinding) ? CompileNode(dataBinding, path + ".$data") : null;
        Node? when = null;
        if (obj.TryGetPropertyValue("$when", out var whenBinding))
        {
            when = whenBinding is JsonValue w && w.GetValueKind() == JsonValueKind.String
                ? CompileString(w.GetValue<string>(), path + ".$when")
                : throw new TemplateException($"{path}.$when must be a ${{…}} expression.");
        }

        var properties = obj.Where(kv => kv.Key is not ("$data" or "$when"))
            .Select(kv => (JsonEncodedText.Encode(kv.Key, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), kv.Key, CompileNode(kv.Value, $"{path}.{kv.Key}")))
            .ToArray();
        return new ObjectNode(path, data, when, properties);
    }

    private static Node CompileString(string text, string path)
    {
        var bindings = FindBindings(text);
        if (bindings.Count == 0)
        {
            return new LiteralNode(JsonValue.Create(text.Replace("\\${", "${", StringComparison.Ordinal)));
        }

        if (bindings.Count == 1 && bindings[0].Start == 0 && bindings[0].End == text.Length)
        {
            return new BindingNode(path, bindings[0].Expression, Parser.Compile(bindings[0].Expression, path));
        }

        var parts = new List<(string? Literal, string? Source, Expression? Expression)>();
        var at = 0;
        foreach (var (start, end, expression) in bindings)
        {
            parts.Add((text[at..start].Replace("\\${", "${", StringComparison.Ordinal), null, null));
            parts.Add((null, expression, Parser.Compile(expression, path)));
            at = end;
        }

        parts.Add((text[at..].Replace("\\${", "${", StringComparison.Ordinal), null, null));
        return new InterpolationNode(path, [.. parts.Where(p => p.Literal is null || p.Literal.Length > 0)]);
    }

    /// <summary>A literal value, written as it stands in the template.</summary>
}
