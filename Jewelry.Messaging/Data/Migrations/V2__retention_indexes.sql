-- Retention deletes published outbox rows and inbox rows older than its window, oldest first, in small batches:
-- each batch finds its rows through these indexes instead of scanning tables that hold days of messages.
CREATE INDEX ix_outbox_messages_published_at ON outbox_messages (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX ix_inbox_messages_processed_at ON inbox_messages (processed_at);
