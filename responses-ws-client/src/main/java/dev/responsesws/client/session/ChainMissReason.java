package dev.responsesws.client.session;

/**
 * Why a turn that continues a chain could not be served from the response the server holds in
 * a connection's memory, so that it was refused or sent its transcript again.
 */
public enum ChainMissReason {

	/**
	 * Another chain's turn took the connection, or the lane, that held the response.
	 */
	EVICTED("evicted"),

	/**
	 * The connection that held the response closed: the server or the network ended it.
	 */
	CONNECTION_LOST("connection_lost"),

	/**
	 * The connection that held the response retired: it reached the maximum age, the server's
	 * connection limit, or stopped carrying lanes.
	 */
	ROTATED("rotated"),

	/**
	 * The server did not find the response ({@code previous_response_not_found}), or the session
	 * never held it: a failed turn evicts the response it continued.
	 */
	NOT_FOUND("not_found"),

	/**
	 * The turn's instructions, tools or other settings differ from those of the chain, which
	 * the server does not carry over.
	 */
	SETTINGS_CHANGED("settings_changed"),

	/**
	 * A connection of another instance holds the response and it was not stored
	 * ({@code store:false}), so a conversation continued on this instance sent its transcript
	 * again (see {@link dev.responsesws.client.conversation.ConversationStore}).
	 */
	OTHER_INSTANCE("other_instance");

	private final String tag;

	ChainMissReason(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the reason as a metric tag value, for example {@code connection_lost}.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

}
