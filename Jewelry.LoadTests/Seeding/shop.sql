-- The Shop's side: orders with their line or custom piece (and its uploaded model), and their status history.
INSERT INTO models (id, customer_id, file_name, format, size_bytes, sha256, created_at)
SELECT model_id, customer_id, 'piece-' || i || '.stl', 'stl', 250000 + i % 100000, encode(sha256(model_id::text::bytea), 'hex'), created_at
FROM seed_orders WHERE is_custom;

INSERT INTO orders (id, customer_id, customer_tier, discount_percent, status, subtotal, currency, created_at, updated_at, price)
SELECT o.order_id, o.customer_id, o.tier, o.discount_percent, o.status, o.subtotal, 'EUR', o.created_at, l.updated_at,
       CASE WHEN o.status <> 'Cancelled' THEN round(o.subtotal * (100 - o.discount_percent) / 100, 2) END
FROM seed_orders o JOIN seed_last_change l USING (order_id);

INSERT INTO order_lines (order_id, line_number, catalog_item_id, quantity, unit_price)
SELECT order_id, 1, catalog_item_id, 1, subtotal FROM seed_orders WHERE NOT is_custom;

INSERT INTO custom_pieces (order_id, model_id, model_file_name, model_size_bytes, material, ring_size_mm)
SELECT order_id, model_id, 'piece-' || i || '.stl', 250000 + i % 100000, material, 17.5 FROM seed_orders WHERE is_custom;

INSERT INTO order_status_history (order_id, status, changed_at)
SELECT order_id, status, changed_at FROM seed_history;
