-- The final price MES calculates, shown to the customer once known.
ALTER TABLE orders ADD COLUMN price numeric(12,2);
