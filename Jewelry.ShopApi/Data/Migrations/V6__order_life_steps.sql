-- Where each status stands in the order's life (OrderLifeSteps): an event handled after a later one, by another
-- replica or on redelivery, cannot move the order back, and the history lists in the order of its life.
ALTER TABLE orders ADD COLUMN status_step integer NOT NULL DEFAULT 1;
ALTER TABLE order_status_history ADD COLUMN step integer NOT NULL DEFAULT 1;

-- Rows from before: every shop-floor status counts as MES's first change, which the next one follows.
UPDATE orders SET status_step = CASE status
    WHEN 'Submitted' THEN 1 WHEN 'PriceCalculated' THEN 2 WHEN 'Approved' THEN 3 WHEN 'Rejected' THEN 3 WHEN 'Cancelled' THEN 4
    ELSE 5 END;
UPDATE order_status_history SET step = CASE status
    WHEN 'Submitted' THEN 1 WHEN 'PriceCalculated' THEN 2 WHEN 'Approved' THEN 3 WHEN 'Rejected' THEN 3 WHEN 'Cancelled' THEN 4
    ELSE 5 END;
