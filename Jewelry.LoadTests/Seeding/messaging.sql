-- The messages of the retention window (what retention keeps): one published and one handled per status change.
INSERT INTO outbox_messages (message_id, routing_key, payload, created_at, published_at)
SELECT md5('seed-outbox-' || order_id || '-' || k)::uuid, 'order.status-changed',
       jsonb_build_object('orderId', order_id, 'status', status), changed_at, changed_at
FROM seed_history WHERE changed_at > now() - interval '7 days';

INSERT INTO inbox_messages (message_id, consumer, routing_key, processed_at)
SELECT md5('seed-inbox-' || order_id || '-' || k)::uuid, 'seed', 'order.status-changed', changed_at
FROM seed_history WHERE changed_at > now() - interval '7 days';
