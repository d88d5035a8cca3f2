"""The reserve-cadre pool (后备干部), its selection steps, succession and appointments."""
