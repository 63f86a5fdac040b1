-- The customer's 3D model of a custom piece, kept in the Shop's model storage; operators download it through MES.
ALTER TABLE production_orders ADD COLUMN custom_piece_model_id uuid;
