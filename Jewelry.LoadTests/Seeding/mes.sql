-- MES's side: every order as a production order (priced, with its custom piece's material and model), and its history.
INSERT INTO production_orders (order_id, source, status, price, currency, created_at, updated_at, customer_id, customer_tier,
                               discount_percent, subtotal, item_count, custom_piece_material, custom_piece_model_id)
SELECT o.order_id, 'shop', o.status, CASE WHEN o.status <> 'Cancelled' THEN round(o.subtotal * (100 - o.discount_percent) / 100, 2) END,
       'EUR', o.created_at, l.updated_at, o.customer_id, o.tier, o.discount_percent, o.subtotal, 1,
       CASE WHEN o.is_custom THEN o.material END, o.model_id
FROM seed_orders o JOIN seed_last_change l USING (order_id);

INSERT INTO production_order_history (order_id, status, changed_by, changed_at)
SELECT order_id, status, CASE WHEN k = 1 THEN 'shop' ELSE 'operator' END, changed_at FROM seed_history;
