package dev.responsesws.client.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.responsesws.client.error.ProtocolDecodingException;
import dev.responsesws.client.internal.json.ProtocolJson;
import dev.responsesws.client.internal.request.CreateResponseCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request to create a response: the body of {@code POST /v1/responses} and of the
 * {@code response.create} WebSocket message.
 *
 * <p>The common fields are typed. Any other field, including {@code generate} (the warm-up),
 * {@code stream_id} (the lane) and fields added to the API later, goes in {@link #extra()} and
 * is merged into the JSON as given; an extra field replaces a typed field of the same name.
 * Instances are immutable (JSON values are copied in and out); use {@link #builder()} to create
 * one and {@link #toBuilder()} to derive one.
 *
 * <pre>{@code
 * CreateResponse request = CreateResponse.builder()
 *     .model("gpt-5.1")
 *     .instructions("Answer briefly.")
 *     .input(InputMessage.user("What is the capital of France?"))
 *     .store(false)
 *     .build();
 * }</pre>
 */
public final class CreateResponse {

	private static final CreateResponseCodec CODEC = new CreateResponseCodec();

	private final @Nullable String model;

	private final List<InputItem> input;

	private final @Nullable String instructions;

	private final List<Tool> tools;

	private final @Nullable JsonNode toolChoice;

	private final @Nullable Boolean parallelToolCalls;

	private final @Nullable JsonNode reasoning;

	private final List<String> include;

	private final @Nullable Boolean store;

	private final @Nullable String previousResponseId;

	private final @Nullable JsonNode text;

	private final @Nullable Integer maxOutputTokens;

	private final Map<String, String> metadata;

	private final @Nullable String promptCacheKey;

	private final @Nullable String serviceTier;

	private final @Nullable String truncation;

	private final @Nullable String user;

	private final Map<String, JsonNode> extra;

	private CreateResponse(Builder builder) {
		this.model = builder.model;
		this.input = List.copyOf(builder.input);
		this.instructions = builder.instructions;
		this.tools = List.copyOf(builder.tools);
		this.toolChoice = builder.toolChoice;
		this.parallelToolCalls = builder.parallelToolCalls;
		this.reasoning = builder.reasoning;
		this.include = List.copyOf(builder.include);
		this.store = builder.store;
		this.previousResponseId = builder.previousResponseId;
		this.text = builder.text;
		this.maxOutputTokens = builder.maxOutputTokens;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
		this.promptCacheKey = builder.promptCacheKey;
		this.serviceTier = builder.serviceTier;
		this.truncation = builder.truncation;
		this.user = builder.user;
		this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(builder.extra));
	}

	/**
	 * Create a builder for a new request.
	 * @return a builder with no field set
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Create a builder initialised with the fields of this request.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Read a request from JSON text: the body of {@code POST /v1/responses} or a
	 * {@code response.create} message. Known fields become typed fields; every other field,
	 * including {@code type} and {@code stream} when present, goes to {@link #extra()}. A string
	 * {@code input} becomes one user message.
	 * @param json the JSON text
	 * @return the request
	 * @throws ProtocolDecodingException if the text is not a JSON object or a known field has
	 * the wrong type
	 */
	public static CreateResponse fromJson(String json) {
		return CODEC.fromJson(json);
	}

	/**
	 * Read a request from a parsed JSON object.
	 * @param tree the object
	 * @return the request
	 * @throws ProtocolDecodingException if it is not a JSON object or a known field has the
	 * wrong type
	 * @see #fromJson(String)
	 */
	public static CreateResponse fromTree(JsonNode tree) {
		return CODEC.fromTree(tree);
	}

	/**
	 * Return the request's fields as JSON text, in the API's field names whatever the
	 * application's Jackson settings: typed fields first, then the extra fields. The transports
	 * send exactly these fields, with {@code "type":"response.create"} added on a WebSocket and
	 * {@code "stream":true} over HTTP.
	 * @return the JSON text
	 */
	public String json() {
		return ProtocolJson.mapper().writeValueAsString(tree());
	}

	/**
	 * Return the request's fields as a JSON object.
	 * @return a new object, which the caller may modify
	 * @see #json()
	 */
	public ObjectNode tree() {
		return CODEC.toTree(this);
	}

	/**
	 * Return the model, for example {@code gpt-5.1}.
	 * @return the model, or {@code null} to leave it to a default
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the input items.
	 * @return the items, possibly empty
	 */
	public List<InputItem> input() {
		return this.input;
	}

	/**
	 * Return the system instructions; they are not inherited through
	 * {@code previous_response_id} and must be sent with every turn.
	 * @return the instructions, or {@code null}
	 */
	public @Nullable String instructions() {
		return this.instructions;
	}

	/**
	 * Return the tools the model may use.
	 * @return the tools, possibly empty
	 */
	public List<Tool> tools() {
		return this.tools;
	}

	/**
	 * Return the {@code tool_choice}: a string such as {@code auto} or an object.
	 * @return the tool choice, or {@code null}
	 */
	public @Nullable JsonNode toolChoice() {
		return (this.toolChoice != null) ? this.toolChoice.deepCopy() : null;
	}

	/**
	 * Return whether the model may call several tools in one turn.
	 * @return the flag, or {@code null} for the server default
	 */
	public @Nullable Boolean parallelToolCalls() {
		return this.parallelToolCalls;
	}

	/**
	 * Return the {@code reasoning} options, for example {@code {"effort":"low"}}.
	 * @return the options, or {@code null}
	 */
	public @Nullable JsonNode reasoning() {
		return (this.reasoning != null) ? this.reasoning.deepCopy() : null;
	}

	/**
	 * Return the additional output to include, for example
	 * {@code reasoning.encrypted_content}.
	 * @return the values, possibly empty
	 */
	public List<String> include() {
		return this.include;
	}

	/**
	 * Return whether the server stores the response beyond the connection.
	 * @return the flag, or {@code null} for the server default
	 */
	public @Nullable Boolean store() {
		return this.store;
	}

	/**
	 * Return the response this turn continues.
	 * @return the response id, or {@code null} for a new chain
	 */
	public @Nullable String previousResponseId() {
		return this.previousResponseId;
	}

	/**
	 * Return the {@code text} options (format, verbosity).
	 * @return the options, or {@code null}
	 */
	public @Nullable JsonNode text() {
		return (this.text != null) ? this.text.deepCopy() : null;
	}

	/**
	 * Return the upper bound of generated tokens.
	 * @return the bound, or {@code null}
	 */
	public @Nullable Integer maxOutputTokens() {
		return this.maxOutputTokens;
	}

	/**
	 * Return the metadata key-value pairs.
	 * @return the metadata, possibly empty
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Return the prompt cache key.
	 * @return the key, or {@code null}
	 */
	public @Nullable String promptCacheKey() {
		return this.promptCacheKey;
	}

	/**
	 * Return the service tier.
	 * @return the tier, or {@code null}
	 */
	public @Nullable String serviceTier() {
		return this.serviceTier;
	}

	/**
	 * Return the truncation strategy.
	 * @return the strategy, or {@code null}
	 */
	public @Nullable String truncation() {
		return this.truncation;
	}

	/**
	 * Return the end-user identifier.
	 * @return the identifier, or {@code null}
	 */
	public @Nullable String user() {
		return this.user;
	}

	/**
	 * Return the extra fields merged into the JSON.
	 * @return the fields in insertion order, possibly empty
	 */
	public Map<String, JsonNode> extra() {
		Map<String, JsonNode> copy = new LinkedHashMap<>();
		this.extra.forEach((name, value) -> copy.put(name, value.deepCopy()));
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * Return the {@code generate} extra field; {@code false} makes the request a warm-up.
	 * @return the flag, or {@code null} when not set
	 */
	public @Nullable Boolean generate() {
		JsonNode generate = this.extra.get("generate");
		return (generate != null && generate.isBoolean()) ? generate.booleanValue() : null;
	}

	/**
	 * Return the {@code stream_id} extra field (the lane).
	 * @return the lane, or {@code null} for the default lane
	 */
	public @Nullable String streamId() {
		JsonNode streamId = this.extra.get("stream_id");
		return (streamId != null && streamId.isString()) ? streamId.stringValue() : null;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof CreateResponse other)) {
			return false;
		}
		return Objects.equals(this.model, other.model) && this.input.equals(other.input)
				&& Objects.equals(this.instructions, other.instructions) && this.tools.equals(other.tools)
				&& Objects.equals(this.toolChoice, other.toolChoice)
				&& Objects.equals(this.parallelToolCalls, other.parallelToolCalls)
				&& Objects.equals(this.reasoning, other.reasoning) && this.include.equals(other.include)
				&& Objects.equals(this.store, other.store)
				&& Objects.equals(this.previousResponseId, other.previousResponseId)
				&& Objects.equals(this.text, other.text) && Objects.equals(this.maxOutputTokens, other.maxOutputTokens)
				&& this.metadata.equals(other.metadata) && Objects.equals(this.promptCacheKey, other.promptCacheKey)
				&& Objects.equals(this.serviceTier, other.serviceTier)
				&& Objects.equals(this.truncation, other.truncation) && Objects.equals(this.user, other.user)
				&& this.extra.equals(other.extra);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.input, this.instructions, this.tools, this.toolChoice,
				this.parallelToolCalls, this.reasoning, this.include, this.store, this.previousResponseId, this.text,
				this.maxOutputTokens, this.metadata, this.promptCacheKey, this.serviceTier, this.truncation, this.user,
				this.extra);
	}

	@Override
	public String toString() {
		return "CreateResponse[model=" + this.model + ", previousResponseId=" + this.previousResponseId + ", input="
				+ this.input.size() + " items, tools=" + this.tools.size() + ", store=" + this.store + ", extra="
				+ this.extra.keySet() + "]";
	}

	/**
	 * Builds a {@link CreateResponse}. Not thread-safe.
	 */
	public static final class Builder {

		private @Nullable String model;

		private final List<InputItem> input = new ArrayList<>();

		private @Nullable String instructions;

		private final List<Tool> tools = new ArrayList<>();

		private @Nullable JsonNode toolChoice;

		private @Nullable Boolean parallelToolCalls;

		private @Nullable JsonNode reasoning;

		private final List<String> include = new ArrayList<>();

		private @Nullable Boolean store;

		private @Nullable String previousResponseId;

		private @Nullable JsonNode text;

		private @Nullable Integer maxOutputTokens;

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private @Nullable String promptCacheKey;

		private @Nullable String serviceTier;

		private @Nullable String truncation;

		private @Nullable String user;

		private final Map<String, JsonNode> extra = new LinkedHashMap<>();

		private Builder() {
		}

		private Builder(CreateResponse request) {
			this.model = request.model;
			this.input.addAll(request.input);
			this.instructions = request.instructions;
			this.tools.addAll(request.tools);
			this.toolChoice = request.toolChoice;
			this.parallelToolCalls = request.parallelToolCalls;
			this.reasoning = request.reasoning;
			this.include.addAll(request.include);
			this.store = request.store;
			this.previousResponseId = request.previousResponseId;
			this.text = request.text;
			this.maxOutputTokens = request.maxOutputTokens;
			this.metadata.putAll(request.metadata);
			this.promptCacheKey = request.promptCacheKey;
			this.serviceTier = request.serviceTier;
			this.truncation = request.truncation;
			this.user = request.user;
			this.extra.putAll(request.extra);
		}

		/**
		 * Set the model.
		 * @param model the model, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the input items, replacing any set before.
		 * @param items the items
		 * @return this builder
		 * @see #addInput(InputItem...)
		 */
		public Builder input(InputItem... items) {
			return input(List.of(items));
		}

		/**
		 * Set the input items, replacing any set before.
		 * @param items the items
		 * @return this builder
		 * @see #addInput(List)
		 */
		public Builder input(List<? extends InputItem> items) {
			List<InputItem> copy = List.copyOf(items);
			this.input.clear();
			this.input.addAll(copy);
			return this;
		}

		/**
		 * Add input items after those set before.
		 * @param items the items
		 * @return this builder
		 */
		public Builder addInput(InputItem... items) {
			return addInput(List.of(items));
		}

		/**
		 * Add input items after those set before.
		 * @param items the items
		 * @return this builder
		 */
		public Builder addInput(List<? extends InputItem> items) {
			this.input.addAll(List.copyOf(items));
			return this;
		}

		/**
		 * Set the instructions.
		 * @param instructions the instructions, or {@code null}
		 * @return this builder
		 */
		public Builder instructions(@Nullable String instructions) {
			this.instructions = instructions;
			return this;
		}

		/**
		 * Set the tools, replacing any set before.
		 * @param tools the tools
		 * @return this builder
		 * @see #addTool(Tool...)
		 */
		public Builder tools(Tool... tools) {
			return tools(List.of(tools));
		}

		/**
		 * Set the tools, replacing any set before.
		 * @param tools the tools
		 * @return this builder
		 * @see #addTools(List)
		 */
		public Builder tools(List<? extends Tool> tools) {
			List<Tool> copy = List.copyOf(tools);
			this.tools.clear();
			this.tools.addAll(copy);
			return this;
		}

		/**
		 * Add tools after those set before.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder addTool(Tool... tools) {
			return addTools(List.of(tools));
		}

		/**
		 * Add tools after those set before.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder addTools(List<? extends Tool> tools) {
			this.tools.addAll(List.copyOf(tools));
			return this;
		}

		/**
		 * Set the tool choice to a mode: {@code auto}, {@code none} or {@code required}.
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder toolChoice(String mode) {
			this.toolChoice = ProtocolJson.mapper().getNodeFactory().stringNode(mode);
			return this;
		}

		/**
		 * Set the tool choice as JSON, for example to force a specific function.
		 * @param toolChoice the tool choice, or {@code null}
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable JsonNode toolChoice) {
			this.toolChoice = (toolChoice != null) ? toolChoice.deepCopy() : null;
			return this;
		}

		/**
		 * Set whether the model may call several tools in one turn.
		 * @param parallelToolCalls the flag, or {@code null}
		 * @return this builder
		 */
		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Set the reasoning options.
		 * @param reasoning the options, or {@code null}
		 * @return this builder
		 */
		public Builder reasoning(@Nullable JsonNode reasoning) {
			this.reasoning = (reasoning != null) ? reasoning.deepCopy() : null;
			return this;
		}

		/**
		 * Set the values of {@code include}, replacing any set before.
		 * @param include the values
		 * @return this builder
		 * @see #addInclude(String...)
		 */
		public Builder include(String... include) {
			return include(List.of(include));
		}

		/**
		 * Set the values of {@code include}, replacing any set before.
		 * @param include the values
		 * @return this builder
		 * @see #addInclude(String...)
		 */
		public Builder include(List<String> include) {
			List<String> copy = List.copyOf(include);
			this.include.clear();
			this.include.addAll(copy);
			return this;
		}

		/**
		 * Add values to {@code include} after those set before.
		 * @param include the values
		 * @return this builder
		 */
		public Builder addInclude(String... include) {
			this.include.addAll(List.of(include));
			return this;
		}

		/**
		 * Set whether the server stores the response.
		 * @param store the flag, or {@code null}
		 * @return this builder
		 */
		public Builder store(@Nullable Boolean store) {
			this.store = store;
			return this;
		}

		/**
		 * Set the response this turn continues.
		 * @param previousResponseId the response id, or {@code null} for a new chain
		 * @return this builder
		 */
		public Builder previousResponseId(@Nullable String previousResponseId) {
			this.previousResponseId = previousResponseId;
			return this;
		}

		/**
		 * Set the text options.
		 * @param text the options, or {@code null}
		 * @return this builder
		 */
		public Builder text(@Nullable JsonNode text) {
			this.text = (text != null) ? text.deepCopy() : null;
			return this;
		}

		/**
		 * Set the upper bound of generated tokens.
		 * @param maxOutputTokens the bound, or {@code null}
		 * @return this builder
		 */
		public Builder maxOutputTokens(@Nullable Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
			return this;
		}

		/**
		 * Add a metadata pair.
		 * @param key the key
		 * @param value the value
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Set the prompt cache key.
		 * @param promptCacheKey the key, or {@code null}
		 * @return this builder
		 */
		public Builder promptCacheKey(@Nullable String promptCacheKey) {
			this.promptCacheKey = promptCacheKey;
			return this;
		}

		/**
		 * Set the service tier.
		 * @param serviceTier the tier, or {@code null}
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Set the truncation strategy.
		 * @param truncation the strategy, or {@code null}
		 * @return this builder
		 */
		public Builder truncation(@Nullable String truncation) {
			this.truncation = truncation;
			return this;
		}

		/**
		 * Set the end-user identifier.
		 * @param user the identifier, or {@code null}
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Set an extra field, merged into the JSON as given. The value is converted with the
		 * protocol mapper: strings, numbers, booleans, maps, lists and {@link JsonNode}s work.
		 * @param name the field name
		 * @param value the value; {@code null} removes the field
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			if (value == null) {
				this.extra.remove(name);
			}
			else {
				this.extra.put(name, ProtocolJson.mapper().valueToTree(value));
			}
			return this;
		}

		/**
		 * Set {@code generate}; {@code false} makes the request a warm-up that prepares state
		 * and produces no output.
		 * @param generate the flag, or {@code null} to remove it
		 * @return this builder
		 */
		public Builder generate(@Nullable Boolean generate) {
			return extra("generate", generate);
		}

		/**
		 * Set {@code stream_id}, the lane of the request on a connection with lanes.
		 * @param streamId the lane, or {@code null} for the default lane
		 * @return this builder
		 */
		public Builder streamId(@Nullable String streamId) {
			return extra("stream_id", streamId);
		}

		/**
		 * Build the request.
		 * @return the immutable request
		 */
		public CreateResponse build() {
			return new CreateResponse(this);
		}

	}

}
