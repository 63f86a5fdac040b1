-- What MES keeps of an order submitted in the Shop, to price and make it. No personal data: the customer is an id.
ALTER TABLE production_orders
    ADD COLUMN customer_id           uuid,
    ADD COLUMN customer_tier         text,
    ADD COLUMN discount_percent      numeric(5,2),
    ADD COLUMN subtotal              numeric(12,2) CHECK (subtotal >= 0),
    ADD COLUMN item_count            integer,
    ADD COLUMN custom_piece_material text;
