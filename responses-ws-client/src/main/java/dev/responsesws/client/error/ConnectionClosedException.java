package dev.responsesws.client.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection closed or failed while a turn was running, before the turn's terminal event.
 * It says how the connection ended and how far the turn had got.
 */
public class ConnectionClosedException extends ResponsesException {

	private static final long serialVersionUID = 1L;

	/** The close code when the connection ended without a close frame. */
	public static final int NO_CLOSE_FRAME = 1006;

	private final int closeCode;

	private final long eventsReceived;

	private final @Nullable String lastEventType;

	/**
	 * Create a new exception.
	 * @param closeCode the WebSocket close code, {@link #NO_CLOSE_FRAME} when there was none
	 * @param reason the close reason or what failed
	 * @param eventsReceived how many events of the turn had arrived
	 * @param lastEventType the type of the last event that arrived, if any
	 * @param cause the transport failure, if any
	 */
	public ConnectionClosedException(int closeCode, String reason, long eventsReceived, @Nullable String lastEventType,
			@Nullable Throwable cause) {
		super("The connection closed before the turn's terminal event (close code " + closeCode
				+ (reason.isEmpty() ? "" : ", " + reason) + "; " + eventsReceived + " events received"
				+ ((lastEventType != null) ? ", the last one " + lastEventType : "") + ")", cause);
		this.closeCode = closeCode;
		this.eventsReceived = eventsReceived;
		this.lastEventType = lastEventType;
	}

	/**
	 * Return the WebSocket close code.
	 * @return the code, {@link #NO_CLOSE_FRAME} when the connection ended without a close frame
	 */
	public int closeCode() {
		return this.closeCode;
	}

	/**
	 * Return how many events of the turn had arrived.
	 * @return the count
	 */
	public long eventsReceived() {
		return this.eventsReceived;
	}

	/**
	 * Return the type of the last event of the turn that arrived.
	 * @return the type, or {@code null} if none arrived
	 */
	public @Nullable String lastEventType() {
		return this.lastEventType;
	}

}
