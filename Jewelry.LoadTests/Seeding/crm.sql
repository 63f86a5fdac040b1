-- The CRM's side: the customers, and its view of every order with its history.
INSERT INTO customers (id, full_name, email, phone, tier, created_at)
SELECT md5('seed-customer-' || c)::uuid, 'Customer ' || c, 'customer-' || c || '@seed.example', '+49 30 ' || lpad(c::text, 7, '0'),
       CASE WHEN c % 20 = 0 THEN 'platinum' WHEN c % 20 < 3 THEN 'gold' WHEN c % 20 < 7 THEN 'silver' ELSE 'standard' END,
       now() - interval '400 days'
FROM generate_series(0, @customers - 1) AS c;

INSERT INTO orders (order_id, customer_id, status, subtotal, discount_percent, price, currency, created_at, updated_at)
SELECT o.order_id, o.customer_id, o.status, o.subtotal, o.discount_percent,
       CASE WHEN o.status <> 'Cancelled' THEN round(o.subtotal * (100 - o.discount_percent) / 100, 2) END, 'EUR', o.created_at, l.updated_at
FROM seed_orders o JOIN seed_last_change l USING (order_id);

INSERT INTO order_history (order_id, status, changed_at)
SELECT order_id, status, changed_at FROM seed_history;
