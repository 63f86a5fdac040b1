-- Messaging plumbing every service shares; versioned in its own Evolve history (changelog_messaging).

-- Messages written in the same transaction as the business change and published afterwards by the relay:
-- a change is never committed without its message, and a message never sent for a change rolled back.
CREATE TABLE outbox_messages (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   uuid        NOT NULL UNIQUE,
    routing_key  text        NOT NULL,
    payload      jsonb       NOT NULL,
    -- The W3C context of the request that wrote the message, so that the publish joins its trace.
    traceparent  text,
    tracestate   text,
    baggage      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX ix_outbox_messages_unpublished ON outbox_messages (id) WHERE published_at IS NULL;

-- Messages a consumer has already handled: a redelivered message finds its id here and changes nothing.
CREATE TABLE inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    routing_key  text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
