package dev.responsesws.springai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.responsesws.client.request.InputItem;
import dev.responsesws.client.request.Tool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fingerprints of a conversation's prefixes: SHA-256 over the canonical JSON of the model,
 * the instructions and the tools, then chained over each item in turn, so that the fingerprint
 * after {@code k} items identifies exactly those items under exactly those settings. Equal inputs
 * give equal fingerprints in any process (see {@link CanonicalJson}).
 */
final class Fingerprints {

	private static final HexFormat HEX = HexFormat.of();

	private Fingerprints() {
	}

	/**
	 * Return the fingerprint of the settings alone, before any item.
	 * @param model the model
	 * @param instructions the instructions
	 * @param tools the tools
	 * @return the fingerprint
	 */
	static byte[] ofSettings(@Nullable String model, @Nullable String instructions, List<Tool> tools) {
		ObjectNode settings = JsonNodeFactory.instance.objectNode();
		settings.put("model", model);
		settings.put("instructions", instructions);
		ArrayNode array = settings.putArray("tools");
		for (Tool tool : tools) {
			array.add(tool.tree());
		}
		return digest(new byte[0], CanonicalJson.write(settings));
	}

	/**
	 * Return the fingerprints after each item.
	 * @param start the fingerprint before the first item
	 * @param items the items
	 * @return {@code items.size() + 1} fingerprints: the first is {@code start}, the one at
	 * index {@code k} covers the first {@code k} items
	 */
	static List<byte[]> prefixes(byte[] start, List<? extends InputItem> items) {
		List<byte[]> prefixes = new ArrayList<>(items.size() + 1);
		prefixes.add(start);
		byte[] current = start;
		for (InputItem item : items) {
			current = next(current, item.tree());
			prefixes.add(current);
		}
		return prefixes;
	}

	/**
	 * Return the fingerprint after one more item.
	 * @param previous the fingerprint before it
	 * @param item the item
	 * @return the fingerprint
	 */
	static byte[] next(byte[] previous, JsonNode item) {
		return digest(previous, CanonicalJson.write(item));
	}

	/**
	 * Return a fingerprint as text.
	 * @param fingerprint the fingerprint
	 * @return lowercase hexadecimal
	 */
	static String hex(byte[] fingerprint) {
		return HEX.formatHex(fingerprint);
	}

	private static byte[] digest(byte[] previous, String canonical) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
		sha256.update(previous);
		sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
		return sha256.digest();
	}

}
