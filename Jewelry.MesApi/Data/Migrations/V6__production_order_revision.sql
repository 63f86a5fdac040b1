-- MES numbers each order's changes: the Shop and the CRM order the shop floor's events by it (OrderLifeSteps).
ALTER TABLE production_orders ADD COLUMN revision integer NOT NULL DEFAULT 0;
