-- The orders every database is seeded with, as temporary tables of this session: @orders orders over the last year
-- (order @orders is the newest), placed by @customers customers. Older orders are finished (most completed, some
-- cancelled or rejected); the last two weeks' are on their way, as in a shop that has been running for a year.
CREATE TEMP TABLE seed_orders ON COMMIT DROP AS
SELECT i,
       md5('seed-order-' || i)::uuid AS order_id,
       customer,
       md5('seed-customer-' || customer)::uuid AS customer_id,
       CASE WHEN customer % 20 = 0 THEN 'platinum' WHEN customer % 20 < 3 THEN 'gold' WHEN customer % 20 < 7 THEN 'silver' ELSE 'standard' END AS tier,
       CASE WHEN customer % 20 = 0 THEN 15 WHEN customer % 20 < 3 THEN 10 WHEN customer % 20 < 7 THEN 5 ELSE 0 END::numeric(5,2) AS discount_percent,
       CASE WHEN age_days >= 14 THEN CASE WHEN i % 50 < 3 THEN 'Cancelled' WHEN i % 50 < 5 THEN 'Rejected' ELSE 'Completed' END
            WHEN age_days >= 7 THEN CASE WHEN i % 2 = 0 THEN 'QualityCheck' ELSE 'Completed' END
            WHEN age_days >= 3 THEN 'InProduction'
            WHEN age_days >= 1 THEN 'Approved'
            ELSE 'PriceCalculated' END AS status,
       now() - make_interval(secs => age_days * 86400) AS created_at,
       (100 + (i * 37) % 5000)::numeric(12,2) AS subtotal,
       1 + (i * 31) % 24 AS catalog_item_id,
       i % 5 = 0 AS is_custom,
       (ARRAY['gold-585', 'gold-750', 'platinum-950', 'silver-925'])[1 + i % 4] AS material,
       CASE WHEN i % 5 = 0 THEN md5('seed-model-' || i)::uuid END AS model_id
FROM generate_series(1, @orders) AS i,
     LATERAL (SELECT 365.0 * (@orders - i) / @orders AS age_days, (i::bigint * 7919) % @customers AS customer) AS derived;

-- Each order's way through the statuses, three hours a step, never later than now.
CREATE TEMP TABLE seed_history ON COMMIT DROP AS
SELECT o.i, o.order_id, step.k, step.status, least(o.created_at + interval '3 hours' * (step.k - 1), now()) AS changed_at
FROM seed_orders o,
     LATERAL unnest(CASE o.status
         WHEN 'Cancelled' THEN ARRAY['Submitted', 'Cancelled']
         WHEN 'Rejected' THEN ARRAY['Submitted', 'PriceCalculated', 'Rejected']
         ELSE (ARRAY['Submitted', 'PriceCalculated', 'Approved', 'InProduction', 'QualityCheck', 'Completed'])[1:array_position(
             ARRAY['Submitted', 'PriceCalculated', 'Approved', 'InProduction', 'QualityCheck', 'Completed'], o.status)]
     END) WITH ORDINALITY AS step(status, k);

CREATE TEMP TABLE seed_last_change ON COMMIT DROP AS
SELECT order_id, max(changed_at) AS updated_at FROM seed_history GROUP BY order_id;
