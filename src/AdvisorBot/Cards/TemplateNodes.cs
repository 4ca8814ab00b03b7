using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>The compiled nodes of a template: each writes its part of the card straight to UTF-8 JSON.</summary>
public static partial class TemplateExpander
{
    private sealed class LiteralNode(JsonNode? value) : Node
    {
        private readonly byte[] _json = Encoding.UTF8.GetBytes(value?.ToJsonString(LiteralOptions) ?? "null");

        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            writer.WriteRawValue(_json, skipInputValidation: true);
            return 1;
        }
    }

    private sealed class ArrayNode(Node[] items) : Node
    {
        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.Write(scope, writer);
            }

            writer.WriteEndArray();
            return 1;
        }
    }

    private sealed class BindingNode(string path, string source, Expression expression) : Node
    {
        public JsonNode? Value(Scope scope) => Evaluate(expression, scope, path, source);

        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            var value = Value(scope);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }

            return 1;
        }
    }

    private sealed class InterpolationNode(string path, (string? Literal, string? Source, Expression? Expression)[] parts) : Node
    {
        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            var builder = new StringBuilder();
            foreach (var (literal, source, expression) in parts)
            {
                builder.Append(literal ?? AsText(Evaluate(expression!, scope, path, source!), source!, path));
            }

            writer.WriteStringValue(builder.ToString());
            return 1;
        }
    }

    private sealed class ObjectNode(string path, Node? data, Node? when, (JsonEncodedText Encoded, string Name, Node Value)[] properties) : Node
    {
        public override int Count(Scope scope)
        {
            if (data is null)
            {
                return Kept(scope, path) ? 1 : 0;
            }

            var bound = Bound(scope);
            return bound is JsonArray repeated
                ? Enumerable.Range(0, repeated.Count).Count(i => Kept(scope with { Data = repeated[i], Index = i }, $"{path}[{i}]"))
                : Kept(scope with { Data = bound }, path) ? 1 : 0;
        }

        public override int Write(Scope scope, Utf8JsonWriter writer)
        {
            if (data is null)
            {
                return WriteScoped(scope, writer, path);
            }

            var bound = Bound(scope);
            if (bound is JsonArray repeated)
            {
                var written = 0;
                for (var i = 0; i < repeated.Count; i++)
                {
                    written += WriteScoped(scope with { Data = repeated[i], Index = i }, writer, $"{path}[{i}]");
                }

                return written;
            }

            return WriteScoped(scope with { Data = bound }, writer, path);
        }

        private JsonNode? Bound(Scope scope) => data is BindingNode binding
            ? binding.Value(scope)
            : throw new TemplateException($"{path}.$data must be a ${{…}} expression.");

        private bool Kept(Scope scope, string where)
        {
            if (when is null)
            {
                return true;
            }

            var result = when is BindingNode condition ? condition.Value(scope) : null;
            return result is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? b.GetValue<bool>()
                : throw new TemplateException($"{where}.$when must give true or false, not {result?.ToJsonString() ?? "null"}.");
        }

        private int WriteScoped(Scope scope, Utf8JsonWriter writer, string where)
        {
            if (!Kept(scope, where))
            {
                return 0;
            }

            writer.WriteStartObject();
            foreach (var (encoded, name, value) in properties)
            {
                var count = value.Count(scope);
                if (count == 0)
                {
                    continue;
                }

                if (count > 1)
                {
                    throw new TemplateException($"{where}.{name}: a repeated element must stand in an array.");
                }

                writer.WritePropertyName(encoded);
                value.Write(scope, writer);
            }

            writer.WriteEndObject();
            return 1;
        }
    }
}
